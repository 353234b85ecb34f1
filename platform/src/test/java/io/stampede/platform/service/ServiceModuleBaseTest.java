package io.stampede.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.stampede.contracts.bus.Services;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ServiceModuleBase#quiesce}: what the member stops first when it leaves, and what it leaves running. */
@ExtendWith(VertxExtension.class)
class ServiceModuleBaseTest {

  /** A background verticle whose stop ends when its round in flight does. */
  private static final class Rounds extends VerticleBase {
    final Promise<Void> roundInFlight = Promise.promise();
    final AtomicBoolean stopAsked = new AtomicBoolean();

    @Override
    public Future<?> stop() {
      stopAsked.set(true);
      return roundInFlight.future();
    }
  }

  private static final class Serving extends VerticleBase {
  }

  private static final class Module extends ServiceModuleBase {
    final Rounds rounds = new Rounds();
    String servingId;

    Module() {
      super(Services.DROPS);
    }

    @Override
    protected Future<Void> startService(ServiceContext context) {
      return context.vertx().deployVerticle(new Serving()).onSuccess(id -> servingId = id)
          .compose(id -> deployBackground(rounds)).mapEmpty();
    }
  }

  @Test
  void quiesceUndeploysOnlyTheBackgroundVerticlesAndWaitsForTheirRound(Vertx vertx) throws Exception {
    Module module = new Module();
    await(module.start(new ServiceContext(vertx, null, new HazelcastClusterManager(), null, null, null, null, null,
        null)));
    int deployed = vertx.deploymentIDs().size();

    Future<Void> quiesced = module.quiesce();
    waitUntil(module.rounds.stopAsked);
    assertThat(quiesced.isComplete()).as("the round in flight has not ended").isFalse();

    module.rounds.roundInFlight.complete();
    await(quiesced);
    assertThat(vertx.deploymentIDs()).as("only the background verticle is gone").hasSize(deployed - 1)
        .contains(module.servingId);
  }

  @Test
  void aModuleThatNeverStartedHasNothingToQuiesce() throws Exception {
    await(new Module().quiesce());
  }

  private static void await(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void waitUntil(AtomicBoolean flag) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!flag.get() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(flag).isTrue();
  }
}
