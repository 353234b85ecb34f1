package io.stampede.gateway.routing;

import java.util.EnumMap;
import java.util.Map;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.MemberLeaving;
import io.stampede.contracts.bus.RequestDeadline;
import io.stampede.contracts.bus.Services;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Sends API requests to services over the clustered bus, each with a timeout (carried along as the
 * request's {@link RequestDeadline}, so a service does not start what nobody waits for), through one circuit
 * breaker per service. Only a service that does not answer (timeout, nobody listening) or fails
 * with a bug counts against its breaker; a 409 is an answer. An open breaker is a 503
 * {@code UNAVAILABLE} whose {@code Retry-After} is the breaker's reset time.
 */
public final class ServiceClient {

  private static final int MAX_FAILURES = 5;
  private static final int RESEND_ATTEMPTS = 5;
  private static final long RESEND_BACKOFF_MS = 20;

  private final Vertx vertx;
  private final long timeoutMs;
  private final long resetTimeoutMs;
  private final Map<Services, CircuitBreaker> breakers = new EnumMap<>(Services.class);

  public ServiceClient(Vertx vertx, long timeoutMs, long resetTimeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.resetTimeoutMs = resetTimeoutMs;
    for (Services service : Services.backends()) {
      breakers.put(service, CircuitBreaker.create("service-" + service.id(), vertx, new CircuitBreakerOptions()
              .setMaxFailures(MAX_FAILURES).setTimeout(-1).setResetTimeout(resetTimeoutMs).setNotificationLocalOnly(true))
          .failurePolicy(ServiceClient::countsAsFailure));
    }
  }

  public Future<ApiReply> call(Services service, String address, ApiRequest request) {
    JsonObject body = request.toJson();
    return breakers.get(service)
        .<JsonObject>execute(() -> send(address, body, 1))
        .map(ApiReply::fromJson)
        .recover(this::translate);
  }

  /**
   * "No handlers" and "member leaving" both mean nobody started the request, so sending it again is
   * always safe: they are what a member that is leaving answers while the cluster learns it no
   * longer serves the address. Only the last attempt's outcome counts against the breaker.
   */
  private Future<JsonObject> send(String address, JsonObject body, int attempt) {
    return vertx.eventBus().<JsonObject>request(address, body, RequestDeadline.options(timeoutMs, System.currentTimeMillis()))
        .map(msg -> msg.body())
        .recover(failure -> attempt < RESEND_ATTEMPTS && notStarted(failure)
            ? vertx.timer(RESEND_BACKOFF_MS * attempt).compose(t -> send(address, body, attempt + 1))
            : Future.failedFuture(failure));
  }

  private static boolean notStarted(Throwable failure) {
    return MemberLeaving.is(failure)
        || failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  public CircuitBreaker breaker(Services service) {
    return breakers.get(service);
  }

  private Future<ApiReply> translate(Throwable failure) {
    if (failure instanceof OpenCircuitException) {
      return Future.failedFuture(new RetryLater(resetTimeoutMs));
    }
    return Future.failedFuture(StampedeException.fromBusFailure(failure));
  }

  private static boolean countsAsFailure(Future<?> outcome) {
    if (outcome.succeeded()) {
      return false;
    }
    if (outcome.cause() instanceof ReplyException re) {
      return re.failureType() != ReplyFailure.RECIPIENT_FAILURE || re.failureCode() == ErrorCode.INTERNAL.wireCode();
    }
    return true;
  }

  /** The service's breaker is open: answer 503 and say when to come back. */
  public static final class RetryLater extends StampedeException {
    private final long retryAfterMs;

    RetryLater(long retryAfterMs) {
      super(ErrorCode.UNAVAILABLE, "the service is not answering; retry later");
      this.retryAfterMs = retryAfterMs;
    }

    public long retryAfterSeconds() {
      return Math.max(1, (retryAfterMs + 999) / 1000);
    }
  }
}
