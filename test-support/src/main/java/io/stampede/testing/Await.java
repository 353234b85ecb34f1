package io.stampede.testing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;

/** Blocks a test thread (never an event loop) on a Vert.x future, with the test deadline. */
public final class Await {

  private Await() {
  }

  public static <T> T result(Future<T> future) {
    return result(future, TestInfra.patience());
  }

  /** {@link #result(Future)} with a deadline of its own, for what is bounded by a longer timeout of the code under test. */
  public static <T> T result(Future<T> future, Duration deadline) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(TestInfra.patience().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + TestInfra.patience());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    throw new AssertionError("expected the future to fail, but it succeeded");
  }
}
