package io.stampede.platform.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;

/**
 * The API consumers of one member and how many requests they are serving, so a member that leaves
 * can stop taking requests first and wait for the ones it took ({@link #withdraw}).
 */
final class ApiRegistry implements Shareable {

  private static final String MAP = "stampede.api";
  private static final long POLL_MS = 20;

  private final Set<MessageConsumer<?>> consumers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean leaving;

  static ApiRegistry of(Vertx vertx) {
    var map = vertx.sharedData().<String, ApiRegistry>getLocalMap(MAP);
    ApiRegistry fresh = new ApiRegistry();
    ApiRegistry existing = map.putIfAbsent("registry", fresh);
    return existing == null ? fresh : existing;
  }

  void add(MessageConsumer<?> consumer) {
    consumers.add(consumer);
  }

  /** True once this member is leaving: requests that arrive now are turned back, not started. */
  boolean leaving() {
    return leaving;
  }

  void requestStarted() {
    inFlight.incrementAndGet();
  }

  void requestEnded() {
    inFlight.decrementAndGet();
  }

  /**
   * Turns back every request that arrives from now on ({@link io.stampede.contracts.bus.MemberLeaving};
   * gateways send it again, to a member that stays). Then, in the order that drops nothing:
   * <ol>
   *   <li>takes this member's subscriptions to the API addresses out of the cluster, while its
   *   handlers stay and keep turning back what still arrives (Vert.x 5.0 drops a message that
   *   reaches a member with no handler for it without telling the sender, who then waits for its
   *   timeout: unregistering first lost the requests sent during the cluster's hand-over);</li>
   *   <li>waits {@code settleMs} for every member to learn that, and at most {@code patienceMs} for
   *   the requests taken before to be answered;</li>
   *   <li>unregisters the handlers, which nothing routes to any more.</li>
   * </ol>
   * Without a cluster manager (a single, non-clustered Vert.x) step 1 is skipped.
   */
  Future<Void> withdraw(Vertx vertx, ClusterManager cluster, long patienceMs, long settleMs) {
    leaving = true;
    long deadline = System.currentTimeMillis() + Math.max(patienceMs, settleMs);
    return unsubscribe(cluster)
        .recover(e -> Future.succeededFuture())
        .compose(v -> vertx.timer(settleMs))
        .compose(v -> {
          Promise<Void> idle = Promise.promise();
          awaitIdle(vertx, deadline, idle);
          return idle.future();
        })
        .compose(v -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList()))
        .onComplete(v -> consumers.clear())
        .mapEmpty();
  }

  /** Removes this member's cluster-wide registrations of the API addresses (not the local handlers). */
  private Future<Void> unsubscribe(ClusterManager cluster) {
    if (cluster == null) {
      return Future.succeededFuture();
    }
    String self = cluster.getNodeId();
    Set<String> addresses = new HashSet<>();
    consumers.forEach(c -> addresses.add(c.address()));
    List<Future<Void>> removals = new ArrayList<>();
    for (String address : addresses) {
      Promise<List<RegistrationInfo>> found = Promise.promise();
      cluster.getRegistrations(address, found);
      removals.add(found.future().compose(infos -> {
        List<Future<Void>> mine = new ArrayList<>();
        for (RegistrationInfo info : infos) {
          if (self.equals(info.nodeId()) && !info.localOnly()) {
            Promise<Void> removed = Promise.promise();
            cluster.removeRegistration(address, info, removed);
            mine.add(removed.future());
          }
        }
        return Future.join(mine).mapEmpty();
      }));
    }
    return Future.join(removals).mapEmpty();
  }

  private void awaitIdle(Vertx vertx, long deadline, Promise<Void> idle) {
    if (inFlight.get() <= 0 || System.currentTimeMillis() >= deadline) {
      idle.complete();
    } else {
      vertx.setTimer(POLL_MS, t -> awaitIdle(vertx, deadline, idle));
    }
  }
}
