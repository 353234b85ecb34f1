package io.stampede.platform.health;

import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;

/** The Kafka cluster names at least one broker. */
public record KafkaHealthCheck(KafkaAdminClient admin) implements HealthCheck {

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Future<Void> check() {
    return admin.describeCluster().compose(d -> d.getNodes().isEmpty()
        ? Future.failedFuture("no Kafka broker is up") : Future.<Void>succeededFuture());
  }
}
