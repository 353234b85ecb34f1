package io.stampede.gateway.routing;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.gateway.auth.AccessTokens;
import io.stampede.gateway.auth.Authenticate;
import io.stampede.gateway.auth.RevokedTokens;
import io.stampede.platform.http.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The last handler of a public route: builds the {@link ApiRequest}, calls the service, writes its answer. */
public final class Forward implements Handler<RoutingContext> {

  /** Request headers a service may need; everything else stays at the edge. */
  private static final String[] FORWARDED_HEADERS = {"idempotency-key"};

  private final ServiceRoute route;
  private final ServiceClient services;
  private final RevokedTokens revoked;
  private final AccessTokens tokens;

  public Forward(ServiceRoute route, ServiceClient services, RevokedTokens revoked, AccessTokens tokens) {
    this.route = route;
    this.services = services;
    this.revoked = revoked;
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body;
    try {
      body = route.hasBody() ? jsonBody(ctx) : new JsonObject();
    } catch (StampedeException e) {
      ctx.fail(e);
      return;
    }
    ApiRequest request = new ApiRequest(ctx.get(Authenticate.CALLER), params(ctx), query(ctx), headers(ctx), body,
        ctx.get(RequestIds.CONTEXT_KEY), ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host());
    ctx.put(UnansweredRequests.STAGE, "service " + route.service().id());
    services.call(route.service(), route.address(), request).onComplete(result -> {
      ctx.put(UnansweredRequests.STAGE, "writing the answer");
      if (result.failed()) {
        if (result.cause() instanceof ServiceClient.RetryLater later) {
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(later.retryAfterSeconds()));
        }
        ctx.fail(result.cause());
      } else {
        if (route.effect() == ServiceRoute.Effect.REVOKES_CALLER_TOKEN && request.caller() != null) {
          revoked.add(request.caller().jti(), request.caller().expiresAtEpochSeconds());
        }
        write(ctx, result.result());
        if (route.effect() == ServiceRoute.Effect.ISSUES_TOKENS) {
          rememberIssuedToken(result.result());
        }
      }
    });
  }

  /** After the answer is written: the fan's first request with it finds it verified. */
  private void rememberIssuedToken(ApiReply reply) {
    if (reply.status() == 200 && reply.body() instanceof JsonObject issued
        && issued.getValue("accessToken") instanceof String accessToken) {
      tokens.rememberIssued(accessToken);
    }
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.get(ValidateRequest.DECODED_BODY) instanceof JsonObject validated) {
      return validated;
    }
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      return new JsonObject();
    }
    try {
      Object parsed = raw.toJsonValue();
      if (parsed instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      // reported below
    }
    throw new StampedeException(ErrorCode.VALIDATION_FAILED, "the body must be a JSON object");
  }

  private static JsonObject params(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    ctx.pathParams().forEach(params::put);
    return params;
  }

  private static JsonObject query(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    ctx.queryParams().forEach(e -> query.put(e.getKey(), e.getValue()));
    return query;
  }

  private static JsonObject headers(RoutingContext ctx) {
    JsonObject headers = new JsonObject();
    for (String name : FORWARDED_HEADERS) {
      String value = ctx.request().getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  private static void write(RoutingContext ctx, ApiReply reply) {
    ctx.response().setStatusCode(reply.status());
    if (reply.body() == null) {
      ctx.response().end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Json.encodeToBuffer(reply.body()));
  }
}
