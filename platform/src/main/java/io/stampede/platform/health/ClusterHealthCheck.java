package io.stampede.platform.health;

import java.util.List;

import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.bus.Services;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.spi.cluster.ClusterManager;

/**
 * This member is in the cluster and every backend service answers on the bus from some member;
 * the detail names the services nobody answers for.
 */
public record ClusterHealthCheck(Vertx vertx, ClusterManager cluster, List<Services> expected) implements HealthCheck {

  private static final long PING_TIMEOUT_MS = 1000;

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public Future<Void> check() {
    if (!cluster.isActive()) {
      return Future.failedFuture("this member is not in the cluster");
    }
    List<Future<Services>> pings = expected.stream().map(this::ping).toList();
    return Future.join(pings).transform(ignored -> {
      List<String> missing = pings.stream().filter(Future::failed)
          .map(f -> ((ServiceUnreachable) f.cause()).service().id()).toList();
      return missing.isEmpty() ? Future.<Void>succeededFuture()
          : Future.<Void>failedFuture("no member answers for " + String.join(", ", missing)
              + " (" + cluster.getNodes().size() + " member(s) in the cluster)");
    });
  }

  private Future<Services> ping(Services service) {
    return vertx.eventBus().request(Addresses.serviceInfo(service), null,
            new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(reply -> service)
        .recover(e -> Future.failedFuture(new ServiceUnreachable(service)));
  }

  private static final class ServiceUnreachable extends RuntimeException {
    private final Services service;

    ServiceUnreachable(Services service) {
      super(service.id(), null, false, false);
      this.service = service;
    }

    Services service() {
      return service;
    }
  }
}
