package io.stampede.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.HostPort;
import io.stampede.platform.config.StampedeConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The Hazelcast member behind the clustered event bus: TCP join on the configured members
 * (multicast and auto-detection off), bound to {@code cluster.host}, quiet and quick to join.
 */
public final class ClusterSetup {

  private ClusterSetup() {
  }

  public static HazelcastClusterManager clusterManager(StampedeConfig config) {
    // loadConfig() keeps the maps Vert.x itself needs (subscriptions, HA and node info).
    Config hz = ConfigUtil.loadConfig();
    String host = config.get(ConfigKeys.CLUSTER_HOST);
    hz.setClusterName(config.get(ConfigKeys.CLUSTER_NAME));
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    // A member that dies without leaving is noticed in seconds, not minutes.
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "6");

    var network = hz.getNetworkConfig();
    network.setPort(config.get(ConfigKeys.CLUSTER_PORT)).setPortAutoIncrement(true);
    network.setPublicAddress(null);
    network.getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    var tcp = join.getTcpIpConfig().setEnabled(true);
    for (HostPort member : config.get(ConfigKeys.CLUSTER_MEMBERS)) {
      tcp.addMember(member.toString());
    }
    return new HazelcastClusterManager(hz);
  }
}
