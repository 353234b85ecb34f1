package io.stampede.gateway.realtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stampede.contracts.api.Caller;
import io.stampede.gateway.auth.AccessTokens;
import io.stampede.gateway.auth.RevokedTokens;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/**
 * {@code /eventbus/*}: the SockJS event-bus bridge. Outbound only: {@code drops.announcements},
 * {@code drops.<id>} for everyone, and {@code users.<id>.notifications} only for that user, who
 * proves it with an access token in the register message's {@code Authorization} header (or
 * {@code ?access_token=} on the SockJS URL). Nothing may be sent or published from a browser.
 */
public final class SockJsBridge {

  private static final Pattern USER_NOTIFICATIONS = Pattern.compile("users\\.([^.]+)\\.notifications");
  private static final String BEARER = "Bearer ";

  private SockJsBridge() {
  }

  public static Router router(Vertx vertx, AccessTokens tokens, RevokedTokens revoked, RealtimeSettings settings,
                              RealtimeMetrics metrics) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex("drops\\.[A-Za-z0-9_-]{1,64}"))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(USER_NOTIFICATIONS.pattern()))
        .setPingTimeout(settings.idleTimeoutMs())
        .setMaxAddressLength(200)
        .setMaxHandlersPerSocket(settings.maxTopics());
    SockJSHandler sockJs = SockJSHandler.create(vertx, new SockJSHandlerOptions()
        .setHeartbeatInterval(settings.heartbeatMs()));
    return sockJs.bridge(options, guard(tokens, revoked, metrics));
  }

  private static Handler<BridgeEvent> guard(AccessTokens tokens, RevokedTokens revoked, RealtimeMetrics metrics) {
    return event -> {
      BridgeEventType type = event.type();
      if (type == BridgeEventType.SOCKET_CREATED) {
        metrics.opened();
        event.complete(true);
      } else if (type == BridgeEventType.SOCKET_CLOSED) {
        metrics.gone();
        event.complete(true);
      } else if (type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH) {
        event.complete(false);
      } else if (type == BridgeEventType.REGISTER) {
        Matcher own = USER_NOTIFICATIONS.matcher(event.getRawMessage().getString("address", ""));
        if (!own.matches()) {
          event.complete(true);
          return;
        }
        String token = token(event);
        Future<Caller> caller = token == null ? Future.failedFuture("no token") : tokens.verify(token);
        caller.onComplete(r -> event.complete(r.succeeded() && !revoked.isRevoked(r.result().jti())
            && r.result().userId().equals(own.group(1))));
      } else {
        event.complete(true);
      }
    };
  }

  private static String token(BridgeEvent event) {
    JsonObject headers = event.getRawMessage().getJsonObject("headers");
    String header = headers == null ? null : headers.getString("Authorization", headers.getString("authorization"));
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).trim();
    }
    String uri = event.socket().uri();
    int at = uri == null ? -1 : uri.indexOf("access_token=");
    if (at < 0) {
      return null;
    }
    int end = uri.indexOf('&', at);
    return uri.substring(at + "access_token=".length(), end < 0 ? uri.length() : end);
  }
}
