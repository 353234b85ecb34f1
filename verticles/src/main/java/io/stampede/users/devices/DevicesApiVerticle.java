package io.stampede.users.devices;

import java.util.List;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.stampede.users.api.Callers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** {@code POST /users/{id}/devices} and {@code DELETE /users/{id}/devices/{fcmToken}}: the user's push targets. */
public class DevicesApiVerticle extends VerticleBase {

  private static final List<String> PLATFORMS = List.of("android", "ios", "web");

  private final PgDevices devices;

  public DevicesApiVerticle(PgDevices devices) {
    this.devices = devices;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        ApiConsumers.register(vertx, Addresses.USERS_DEVICES_REGISTER, this::register),
        ApiConsumers.register(vertx, Addresses.USERS_DEVICES_DELETE, this::remove));
  }

  private Future<ApiReply> register(ApiRequest request) {
    String userId = Callers.self(request, "register devices").userId();
    String token = Inputs.string(request.body(), "fcmToken", 1, 4096);
    String platform = Inputs.oneOf(request.body(), "platform", PLATFORMS);
    return devices.register(userId, token, platform).compose(found -> found
        .map(d -> Future.succeededFuture(ApiReply.created(d)))
        .orElseGet(() -> Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such user"))));
  }

  private Future<ApiReply> remove(ApiRequest request) {
    String userId = Callers.self(request, "remove devices").userId();
    return devices.remove(userId, request.param("fcmToken")).map(v -> ApiReply.noContent());
  }
}
