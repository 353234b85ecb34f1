package io.stampede.testing.processes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.stampede.testing.Poll;

/**
 * A real Redis Cluster on loopback: six {@code redis-server} processes, three masters and three
 * replicas, joined by {@code redis-cli --cluster create}. A test can kill the master that serves a
 * key and wait for its replica to take over.
 */
public final class RedisClusterProcesses implements AutoCloseable {

  private static final Duration CONVERGE = Duration.ofSeconds(30);

  private final List<RedisServerProcess> nodes;

  private RedisClusterProcesses(List<RedisServerProcess> nodes) {
    this.nodes = nodes;
  }

  public static RedisClusterProcesses start() {
    List<RedisServerProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        nodes.add(RedisServerProcess.start(true));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      ChildProcess.run(create);
      RedisClusterProcesses cluster = new RedisClusterProcesses(nodes);
      cluster.awaitHealthy();
      cluster.awaitReplicasInSync();
      return cluster;
    } catch (RuntimeException e) {
      nodes.forEach(RedisServerProcess::close);
      throw e;
    }
  }

  /** {@code host:port} of every node, for {@code redis.cluster-nodes}. */
  public String seeds() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** The node that is master of {@code key}'s slot now. */
  public RedisServerProcess masterOf(String key) {
    return servingMaster(key).orElseThrow(() -> new IllegalStateException("no master serves the slot of " + key));
  }

  /** The live master serving {@code key}'s slot, if one does (not while a failover is under way). */
  private Optional<RedisServerProcess> servingMaster(String key) {
    int slot = Integer.parseInt(live().get(0).cli("CLUSTER", "KEYSLOT", key).trim());
    for (String line : live().get(0).cli("CLUSTER", "NODES").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
        continue;
      }
      int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
      for (int i = 8; i < f.length; i++) {
        String[] range = f[i].split("-");
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        if (slot >= from && slot <= to) {
          return nodes.stream().filter(n -> n.port() == port && n.answers()).findFirst();
        }
      }
    }
    return Optional.empty();
  }

  /** Kills the master of {@code key} and waits until its replica serves the slot and the cluster is ok again. */
  public RedisServerProcess killMasterOfAndAwaitFailover(String key) {
    RedisServerProcess master = masterOf(key);
    master.kill();
    Poll.until("a replica took over the slot of " + key, CONVERGE,
        () -> servingMaster(key).filter(m -> m != master).isPresent());
    awaitHealthy();
    return masterOf(key);
  }

  private void awaitHealthy() {
    Poll.until("the Redis Cluster is ok on every live node", CONVERGE, () -> live().stream()
        .allMatch(n -> n.cli("CLUSTER", "INFO").contains("cluster_state:ok")));
  }

  /** Every replica has synced with its master (before that it could not take over). */
  private void awaitReplicasInSync() {
    Poll.until("every replica is in sync with its master", CONVERGE, () -> live().stream()
        .map(n -> n.cli("INFO", "replication"))
        .filter(info -> info.contains("role:slave"))
        .filter(info -> info.contains("master_link_status:up"))
        .count() == nodes.size() / 2);
  }

  private List<RedisServerProcess> live() {
    return nodes.stream().filter(RedisServerProcess::answers).toList();
  }

  @Override
  public void close() {
    nodes.forEach(RedisServerProcess::close);
  }
}
