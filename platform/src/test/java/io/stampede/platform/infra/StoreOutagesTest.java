package io.stampede.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

class StoreOutagesTest {

  @Test
  void aRedisConnectionThatClosedUnderACommandIsAnOutage() {
    assertThat(StoreOutages.isOutage(ErrorType.create("CONNECTION_CLOSED"))).isTrue();
  }

  @Test
  void aRedisClusterBetweenMastersIsAnOutage() {
    assertThat(StoreOutages.isOutage(ErrorType.create("CLUSTERDOWN The cluster is down"))).isTrue();
    assertThat(StoreOutages.isOutage(new RuntimeException("wrapped", new IOException("Connection reset by peer")))).isTrue();
  }

  @Test
  void aBugIsNotAnOutage() {
    assertThat(StoreOutages.isOutage(new IllegalStateException("no such field"))).isFalse();
    assertThat(StoreOutages.isOutage(ErrorType.create("ERR wrong number of arguments"))).isFalse();
  }
}
