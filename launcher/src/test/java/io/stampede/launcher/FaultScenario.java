package io.stampede.launcher;

import java.util.HashMap;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;

/** What every fault scenario shares: the services of a whole platform and settings for a storm. */
final class FaultScenario {

  static final String ALL_SERVICES = "gateway,auth,users,creators,drops,orders,notifications";

  private FaultScenario() {
  }

  /**
   * The test's overrides plus: no rate limits (a dozen fans from one address order far faster than
   * people do) and the shortest lease after which a dead member's reservations are settled.
   */
  static Map<String, String> overrides(Map<String, String> specific) {
    Map<String, String> all = new HashMap<>(specific);
    all.putIfAbsent(ConfigKeys.RATELIMIT_ENABLED.name(), "false");
    all.putIfAbsent(ConfigKeys.ORDERS_IN_FLIGHT_LEASE_MS.name(), "4000");
    all.putIfAbsent(ConfigKeys.ORDERS_RECONCILE_INTERVAL_MS.name(), "500");
    return all;
  }
}
