package io.stampede.platform.api;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.MemberLeaving;
import io.stampede.contracts.bus.RequestDeadline;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.platform.infra.StoreOutages;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.impl.MessageConsumerImpl;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link ApiEndpoint} on an event-bus address: decodes the request, replies with the
 * answer, and turns failures into bus failures with the error's stable code. A store that is away
 * is {@code UNAVAILABLE} (the buyer's 503, safe to retry with the same key), logged a line at a
 * time; any other unexpected failure is logged with its stack and answered {@code INTERNAL}. A
 * request whose sender stopped waiting before it was taken from the queue ({@link RequestDeadline})
 * is skipped.
 */
public final class ApiConsumers {

  private static final Logger LOG = LoggerFactory.getLogger(ApiConsumers.class);
  private static final RepeatedWarning OUTAGES = new RepeatedWarning(LOG,
      "{} answered 503: a store is not answering ({})");
  /** Long enough for every member to see a subscription's removal from the cluster (Hazelcast, loopback or LAN). */
  private static final long WITHDRAW_SETTLE_MS = 1000;

  private ApiConsumers() {
  }

  public static Future<Void> register(Vertx vertx, String address, ApiEndpoint endpoint) {
    ApiRegistry registry = ApiRegistry.of(vertx);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, msg -> {
      if (registry.leaving()) {
        msg.fail(MemberLeaving.FAILURE_CODE, MemberLeaving.MESSAGE);
        return;
      }
      if (RequestDeadline.passed(msg.headers(), System.currentTimeMillis())) {
        // The sender answered 503 already; an answer now would reach nobody.
        return;
      }
      registry.requestStarted();
      serve(address, endpoint, msg).onComplete(done -> registry.requestEnded());
    });
    if (consumer instanceof MessageConsumerImpl<JsonObject> impl) {
      // A request already handed to this consumer when it unregisters (a member leaving) is
      // dropped by Vert.x without an answer, and its sender would wait for the timeout. Nothing
      // was started, so the answer is "send it again"; the gateway resends it to a member that stays.
      impl.discardHandler(msg -> msg.fail(MemberLeaving.FAILURE_CODE, MemberLeaving.MESSAGE));
    }
    registry.add(consumer);
    return consumer.completion();
  }

  /**
   * For a member that leaves: no new API requests are taken here from now on; completes once the
   * cluster no longer routes them here and the ones already taken are answered (or after
   * {@code patienceMs}). {@code cluster} is the member's cluster manager, or null when not clustered.
   */
  public static Future<Void> withdraw(Vertx vertx, ClusterManager cluster, long patienceMs) {
    return ApiRegistry.of(vertx).withdraw(vertx, cluster, patienceMs, WITHDRAW_SETTLE_MS);
  }

  private static Future<?> serve(String address, ApiEndpoint endpoint, Message<JsonObject> msg) {
    ApiRequest request;
    try {
      request = ApiRequest.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(ErrorCode.VALIDATION_FAILED.wireCode(), "malformed request");
      return Future.succeededFuture();
    }
    Future<io.stampede.contracts.api.ApiReply> answer;
    try {
      answer = endpoint.handle(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.onSuccess(reply -> msg.reply(reply.toJson())).onFailure(e -> {
      if (e instanceof StampedeException se) {
        msg.fail(se.code().wireCode(), se.detail());
      } else if (StoreOutages.isOutage(e)) {
        OUTAGES.warn(address, e.toString());
        msg.fail(ErrorCode.UNAVAILABLE.wireCode(), "a store this needs is not answering; retry shortly");
      } else {
        LOG.error("{} failed (request id {})", address, request.requestId(), e);
        msg.fail(ErrorCode.INTERNAL.wireCode(), "internal error");
      }
    });
  }
}
