package io.stampede.platform.service;

import io.stampede.contracts.bus.Services;
import io.vertx.core.Future;

/**
 * A service as the launcher sees it: a group of verticles deployed together. {@code start}
 * completes only when every verticle is serving (servers listening, consumers registered).
 */
public interface ServiceModule {

  Services service();

  Future<Void> start(ServiceContext context);

  /**
   * The member is leaving: stop the service's background rounds (schedulers, relays, reconcilers)
   * and let a round in flight finish, while the pools and clients it uses are still open. Vert.x's
   * own close shuts those before it undeploys the verticles, so a round left running until then
   * would fail on a closed pool, and say so in the log, at every stop.
   */
  default Future<Void> quiesce() {
    return Future.succeededFuture();
  }
}
