package io.stampede.notifications.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Mobile push as the rest of the notification service sees it; {@link #none()} when push is off. */
public interface Pushes {

  Future<Void> dropLive(JsonObject drop);

  Future<Void> orderUpdated(JsonObject order);

  Future<Void> close();

  static Pushes none() {
    return new Pushes() {
      @Override
      public Future<Void> dropLive(JsonObject drop) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> orderUpdated(JsonObject order) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }
}
