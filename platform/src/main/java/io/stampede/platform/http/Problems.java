package io.stampede.platform.http;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.Problem;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into an {@code application/problem+json} answer. Domain
 * failures keep their code; a status set by Vert.x Web (404, 405, 413, 400) maps to its code;
 * anything else is a bug: logged with its stack, answered 500 without internals.
 */
public final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

  private Problems() {
  }

  public static void send(RoutingContext ctx, ErrorCode code, String detail) {
    send(ctx.response(), new Problem(code, detail));
  }

  public static void send(HttpServerResponse response, Problem problem) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (problem.code() == ErrorCode.UNAVAILABLE && !response.headers().contains(HttpHeaders.RETRY_AFTER)) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(problem.toJson().toBuffer());
  }

  /** The failure handler every router installs, also as its 404 and 405 handler. */
  public static void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof StampedeException se) {
      send(ctx, se.code(), se.detail());
      return;
    }
    ErrorCode code = switch (ctx.statusCode()) {
      case 400 -> ErrorCode.VALIDATION_FAILED;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.INTERNAL;
    };
    if (code == ErrorCode.INTERNAL) {
      LOG.error("request {} {} failed (request id {})", ctx.request().method(), ctx.request().path(),
          ctx.get(RequestIds.CONTEXT_KEY), failure);
    }
    send(ctx, code, detailFor(code));
  }

  private static String detailFor(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> "no such resource";
      case METHOD_NOT_ALLOWED -> "this resource does not take that method";
      case PAYLOAD_TOO_LARGE -> "the body is larger than 64 KiB";
      case VALIDATION_FAILED -> "the request is malformed";
      case INTERNAL -> "something went wrong on our side; the request id identifies it in our logs";
      default -> code.title();
    };
  }
}
