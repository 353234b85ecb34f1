package io.stampede.notifications.deliver;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.contracts.events.DropChanged;
import io.stampede.notifications.push.Pushes;
import io.stampede.platform.api.BusCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A drop changed state: announce it once (per drop version) with the whole public {@code Drop},
 * and when it goes live, push it to the creator's followers. Push runs on its own; the
 * announcement does not wait for it.
 */
public final class DropAnnouncer {

  private static final long TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final OnceOnly onceOnly;
  private final Notices notices;
  private final Pushes pushes;

  public DropAnnouncer(Vertx vertx, OnceOnly onceOnly, Notices notices, Pushes pushes) {
    this.vertx = vertx;
    this.onceOnly = onceOnly;
    this.notices = notices;
    this.pushes = pushes;
  }

  /** Fails (and is retried from Kafka) only when the drop cannot be read now; then nothing was announced. */
  public Future<Void> announce(DropChanged change) {
    ApiRequest get = new ApiRequest(null, new JsonObject().put("id", change.dropId()), null, null, null, null, null);
    return BusCalls.object(vertx, Addresses.DROPS_GET, get, TIMEOUT_MS)
        .compose(drop -> onceOnly.first("drop", change.dropId(), change.version()).map(first -> {
          if (first) {
            // The drop may have moved on since; the notice tells the state it announces.
            JsonObject shown = drop.copy().put("status", change.status());
            notices.drop(change.status(), shown);
            if ("LIVE".equals(change.status())) {
              pushes.dropLive(shown);
            }
          }
          return (Void) null;
        }))
        .recover(e -> e instanceof StampedeException gone && gone.code() == ErrorCode.NOT_FOUND
            ? Future.succeededFuture() : Future.failedFuture(e));
  }
}
