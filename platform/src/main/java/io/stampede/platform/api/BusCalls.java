package io.stampede.platform.api;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** One service asking another over the bus, in the same request/reply shape the gateway uses. */
public final class BusCalls {

  private BusCalls() {
  }

  /** The reply's body; a refusal or a timeout fails with the matching {@link StampedeException}. */
  public static Future<Object> call(Vertx vertx, String address, ApiRequest request, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(address, request.toJson(), new DeliveryOptions().setSendTimeout(timeoutMs))
        .recover(e -> Future.failedFuture(StampedeException.fromBusFailure(e)))
        .map(reply -> ApiReply.fromJson(reply.body()).body());
  }

  /** A call whose answer is a JSON object. */
  public static Future<JsonObject> object(Vertx vertx, String address, ApiRequest request, long timeoutMs) {
    return call(vertx, address, request, timeoutMs).map(JsonObject.class::cast);
  }
}
