package io.stampede.gateway.routing;

import io.stampede.contracts.bus.Services;
import io.vertx.core.http.HttpMethod;

/**
 * One public operation: its operationId in {@code openapi.yaml} (which validates its requests),
 * method and path (Vert.x Web syntax), the event-bus address of the service
 * that answers it, whether a signed-in caller is required, and which rate-limit class it spends.
 */
public record ServiceRoute(String operationId, HttpMethod method, String path, Services service, String address,
                           Access access, RateClass rateClass, Effect effect) {

  public ServiceRoute(String operationId, HttpMethod method, String path, Services service, String address, Access access,
                      RateClass rateClass) {
    this(operationId, method, path, service, address, access, rateClass, Effect.NONE);
  }

  /** What the gateway itself does once the service succeeded. */
  public enum Effect {
    NONE,
    /** Logout: this gateway refuses the token at once, before the revocation's broadcast reaches it. */
    REVOKES_CALLER_TOKEN,
    /**
     * Sign-in and refresh: the new access token is verified as it passes, so a fan's first request
     * with it (at a drop, all fans' at once) finds it already verified instead of paying for an ES256
     * verification on the event loop at the worst moment.
     */
    ISSUES_TOKENS
  }

  public enum Access { PUBLIC, SIGNED_IN }

  public enum RateClass {
    AUTH, ORDERS, READS, WRITES;

    public String id() {
      return name().toLowerCase();
    }
  }

  public boolean hasBody() {
    return method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.PUT;
  }
}
