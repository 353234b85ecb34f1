package io.stampede.platform.service;

import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.bus.Services;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Answers {@code <service>.info.get} with the member that runs the service. Readiness uses it to
 * check every service is reachable over the bus; operators use it to see where things run.
 */
public class ServiceInfoVerticle extends VerticleBase {

  private final Services service;
  private final String nodeId;

  public ServiceInfoVerticle(Services service, String nodeId) {
    this.service = service;
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.serviceInfo(service),
        msg -> msg.reply(new JsonObject().put("service", service.id()).put("node", nodeId)));
    return consumer.completion();
  }
}
