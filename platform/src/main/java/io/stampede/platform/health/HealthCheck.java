package io.stampede.platform.health;

import io.vertx.core.Future;

/** One dependency readiness depends on; a failed future's message says what is wrong. */
public interface HealthCheck {

  String name();

  Future<Void> check();
}
