package io.stampede.launcher;

import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.HostPort;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.testing.Await;
import io.stampede.testing.TestInfra;

/** Starts test members of this run's cluster on free ports. */
final class Members {

  private Members() {
  }

  static Node start(String services) {
    return start(services, Map.of());
  }

  static Node start(String services, Map<String, String> overrides) {
    java.util.Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put(ConfigKeys.SERVICES.name(), services);
    StampedeConfig config = TestInfra.get().memberConfig(all);
    return Await.result(Node.start(config));
  }

  /** A member that joins {@code seed}'s cluster. */
  static Node join(Node seed, String services) {
    HostPort seedAddress = new HostPort("127.0.0.1", seed.config().get(ConfigKeys.CLUSTER_PORT));
    return start(services, Map.of(ConfigKeys.CLUSTER_MEMBERS.name(), seedAddress.toString()));
  }

  static void stop(Node node) {
    if (node != null) {
      Await.result(node.stop());
    }
  }
}
