package io.stampede.gateway.realtime;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.gateway.auth.AccessTokens;
import io.stampede.gateway.auth.RevokedTokens;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /ws}: the JSON protocol of API.md. A token in {@code ?access_token=} is checked before
 * the upgrade (401 if bad); otherwise the connection starts anonymous and may send
 * {@code {"type":"auth","token":...}}. Anonymous sockets read public topics; an authenticated one
 * also always receives its user's notifications. Answers: {@code pong}, {@code subscribed},
 * {@code unsubscribed}, {@code authenticated}, and {@code error} with a stable {@code code}.
 * One endpoint per gateway instance; its sockets, hub and heartbeat share one event loop.
 */
public final class WebSocketEndpoint implements Handler<RoutingContext> {

  private static final int MAX_MESSAGE_BYTES = 4096;

  private final Vertx vertx;
  private final AccessTokens tokens;
  private final RevokedTokens revoked;
  private final RealtimeSettings settings;
  private final RealtimeMetrics metrics;
  private final SlicedWrites writes;
  private final TopicHub hub;
  private final Set<Session> sessions = new HashSet<>();
  private long heartbeatTimer = -1;

  public WebSocketEndpoint(Vertx vertx, AccessTokens tokens, RevokedTokens revoked, RealtimeSettings settings,
                           RealtimeMetrics metrics) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.revoked = revoked;
    this.settings = settings;
    this.metrics = metrics;
    this.writes = new SlicedWrites(vertx);
    this.hub = new TopicHub(vertx, writes);
  }

  /** Starts the heartbeat of this instance's sockets; call on the instance's event loop. */
  public void start() {
    heartbeatTimer = vertx.setPeriodic(settings.heartbeatMs(), id -> heartbeat());
  }

  public void stop() {
    vertx.cancelTimer(heartbeatTimer);
    sessions.forEach(s -> s.close((short) 1001, "server going away"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.fail(new StampedeException(ErrorCode.VALIDATION_FAILED, "/ws is a WebSocket: send an upgrade request"));
      return;
    }
    String token = ctx.request().getParam("access_token");
    Future<Caller> who = token == null ? Future.succeededFuture() : verify(token);
    who.onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ctx.request().toWebSocket().onSuccess(ws -> open(ws, result.result())).onFailure(ctx::fail);
    });
  }

  private Future<Caller> verify(String token) {
    return tokens.verify(token).compose(caller -> revoked.isRevoked(caller.jti())
        ? Future.failedFuture(new StampedeException(ErrorCode.UNAUTHORIZED, "the access token was revoked"))
        : Future.succeededFuture(caller));
  }

  private void open(ServerWebSocket ws, Caller caller) {
    ws.setWriteQueueMaxSize(64 * 1024);
    Session session = new Session(ws, settings.queueLimit(), metrics);
    sessions.add(session);
    metrics.opened();
    if (caller != null) {
      signIn(session, caller);
    }
    ws.textMessageHandler(text -> {
      session.heard();
      onMessage(session, text);
    });
    ws.binaryMessageHandler(b -> session.reply(error(ErrorCode.VALIDATION_FAILED, "send JSON text messages")));
    ws.pongHandler(p -> session.heard());
    ws.closeHandler(v -> {
      if (sessions.remove(session)) {
        metrics.gone();
        hub.forget(session);
      }
    });
  }

  private void onMessage(Session session, String text) {
    JsonObject msg;
    try {
      msg = text.length() > MAX_MESSAGE_BYTES ? null : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      msg = null;
    }
    if (msg == null || !(msg.getValue("type") instanceof String type)) {
      session.reply(error(ErrorCode.VALIDATION_FAILED, "messages are JSON objects with a type, at most 4 KiB"));
      return;
    }
    switch (type) {
      case "ping" -> session.reply(new JsonObject().put("type", "pong"));
      case "subscribe" -> subscribe(session, msg.getValue("topic"));
      case "unsubscribe" -> unsubscribe(session, msg.getValue("topic"));
      case "auth" -> authenticate(session, msg.getValue("token"));
      default -> session.reply(error(ErrorCode.VALIDATION_FAILED, "unknown message type " + type));
    }
  }

  private void subscribe(Session session, Object topic) {
    var address = topic instanceof String t ? Topics.address(t) : Optional.<String>empty();
    if (address.isEmpty()) {
      session.reply(error(ErrorCode.VALIDATION_FAILED, "topics are \"drops\" and \"drop:<id>\""));
    } else if (!session.addresses().contains(address.get()) && topicCount(session) >= settings.maxTopics()) {
      session.reply(error(ErrorCode.VALIDATION_FAILED, "at most " + settings.maxTopics() + " topics per connection"));
    } else {
      hub.listen(address.get(), session);
      session.reply(new JsonObject().put("type", "subscribed").put("topic", topic));
    }
  }

  private void unsubscribe(Session session, Object topic) {
    var address = topic instanceof String t ? Topics.address(t) : Optional.<String>empty();
    if (address.isEmpty()) {
      session.reply(error(ErrorCode.VALIDATION_FAILED, "topics are \"drops\" and \"drop:<id>\""));
      return;
    }
    hub.stopListening(address.get(), session);
    session.reply(new JsonObject().put("type", "unsubscribed").put("topic", topic));
  }

  private int topicCount(Session session) {
    return session.caller() == null ? session.addresses().size() : session.addresses().size() - 1;
  }

  private void authenticate(Session session, Object token) {
    if (!(token instanceof String t) || t.isEmpty()) {
      session.reply(error(ErrorCode.VALIDATION_FAILED, "auth needs a token"));
      return;
    }
    verify(t).onComplete(result -> {
      if (session.closed()) {
        return;
      }
      if (result.failed()) {
        ErrorCode code = result.cause() instanceof StampedeException se ? se.code() : ErrorCode.UNAUTHORIZED;
        session.reply(error(code, "the token is missing, invalid, expired or revoked"));
      } else if (session.caller() != null && !session.caller().userId().equals(result.result().userId())) {
        session.reply(error(ErrorCode.FORBIDDEN, "this connection is already signed in as another user"));
      } else {
        signIn(session, result.result());
      }
    });
  }

  private void signIn(Session session, Caller caller) {
    session.authenticated(caller);
    hub.listenHere(Addresses.userNotifications(caller.userId()), session);
    session.reply(new JsonObject().put("type", "authenticated").put("userId", caller.userId()));
  }

  /** Pings every socket, in slices like a fan-out (and after the fan-outs already waiting). */
  private void heartbeat() {
    writes.submit(sessions.toArray(new Session[0]), s -> {
      if (s.caller() != null && revoked.isRevoked(s.caller().jti())) {
        s.close(CloseCodes.UNAUTHORIZED, "the access token was revoked");
      } else {
        s.heartbeat(System.currentTimeMillis(), settings.idleTimeoutMs(), settings.stallLimitMs());
      }
    });
  }

  private static JsonObject error(ErrorCode code, String detail) {
    return new JsonObject().put("type", "error").put("code", code.name()).put("detail", detail);
  }
}
