package io.stampede.platform.api;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.vertx.core.Future;

/** One public operation as a service implements it. Fails with {@code StampedeException} for domain errors. */
@FunctionalInterface
public interface ApiEndpoint {

  Future<ApiReply> handle(ApiRequest request);
}
