package io.stampede.orders.reconcile;

import java.time.Duration;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/**
 * The reconciler's clocks: how long restored idempotency records live, how often and after how
 * much stillness drift is repaired, and after how long a reservation still in flight is an orphan.
 */
public record ReconcileSettings(Duration recordTtl, Duration driftInterval, Duration driftSettle, Duration inFlightLease) {

  public static ReconcileSettings from(StampedeConfig config, Duration recordTtl) {
    return new ReconcileSettings(recordTtl,
        Duration.ofMillis(config.get(ConfigKeys.ORDERS_RECONCILE_INTERVAL_MS)),
        Duration.ofMillis(config.get(ConfigKeys.ORDERS_DRIFT_SETTLE_MS)),
        Duration.ofMillis(config.get(ConfigKeys.ORDERS_IN_FLIGHT_LEASE_MS)));
  }
}
