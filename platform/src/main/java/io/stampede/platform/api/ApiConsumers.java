package io.stampede.platform.api;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link ApiEndpoint} on an event-bus address: decodes the request, replies with the
 * answer, and turns failures into bus failures with the error's stable code. An unexpected
 * failure is logged with its stack and answered {@code INTERNAL} without its text.
 */
public final class ApiConsumers {

  private static final Logger LOG = LoggerFactory.getLogger(ApiConsumers.class);

  private ApiConsumers() {
  }

  public static Future<Void> register(Vertx vertx, String address, ApiEndpoint endpoint) {
    return vertx.eventBus().<JsonObject>consumer(address, msg -> serve(address, endpoint, msg)).completion();
  }

  private static void serve(String address, ApiEndpoint endpoint, Message<JsonObject> msg) {
    ApiRequest request;
    try {
      request = ApiRequest.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(ErrorCode.VALIDATION_FAILED.wireCode(), "malformed request");
      return;
    }
    Future<io.stampede.contracts.api.ApiReply> answer;
    try {
      answer = endpoint.handle(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(reply -> msg.reply(reply.toJson())).onFailure(e -> {
      if (e instanceof StampedeException se) {
        msg.fail(se.code().wireCode(), se.detail());
      } else {
        LOG.error("{} failed (request id {})", address, request.requestId(), e);
        msg.fail(ErrorCode.INTERNAL.wireCode(), "internal error");
      }
    });
  }
}
