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
}
