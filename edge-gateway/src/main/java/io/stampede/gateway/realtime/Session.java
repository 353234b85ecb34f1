package io.stampede.gateway.realtime;

import java.util.HashSet;
import java.util.Set;

import io.stampede.contracts.api.Caller;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One {@code /ws} connection: who it is (once authenticated), what it listens to, and its bounded
 * outbound queue. A message is written straight to the socket while the network keeps up; then it
 * waits in the queue, which the socket's drain handler empties. Lives on its socket's event loop.
 */
final class Session {

  private final ServerWebSocket socket;
  private final OutboundQueue queue;
  private final RealtimeMetrics metrics;
  private final Set<String> addresses = new HashSet<>();
  private Caller caller;
  private long lastHeardAt = System.currentTimeMillis();
  private long stuckSince;
  private boolean closed;

  Session(ServerWebSocket socket, int queueLimit, RealtimeMetrics metrics) {
    this.socket = socket;
    this.queue = new OutboundQueue(queueLimit);
    this.metrics = metrics;
    socket.drainHandler(v -> drain());
  }

  /** A message for this socket; {@code mergeKey} lets a newer one replace it while it waits. */
  void deliver(String text, String mergeKey) {
    if (gone()) {
      return;
    }
    if (queue.isEmpty() && !socket.writeQueueFull()) {
      socket.writeTextMessage(text);
      return;
    }
    if (queue.isEmpty()) {
      stuckSince = System.currentTimeMillis();
    }
    OutboundQueue.Offer offer = queue.offer(text, mergeKey);
    metrics.queued(offer);
    if (offer == OutboundQueue.Offer.OVERFLOW) {
      close(CloseCodes.TOO_SLOW, "too slow: the message queue is full");
    }
  }

  void reply(JsonObject message) {
    deliver(message.encode(), null);
  }

  private void drain() {
    while (!queue.isEmpty() && !gone() && !socket.writeQueueFull()) {
      socket.writeTextMessage(queue.poll());
    }
    stuckSince = System.currentTimeMillis();
  }

  /** Pings, and closes the socket when it is idle, stuck, or its token has expired. */
  void heartbeat(long now, long idleTimeoutMs, long stallLimitMs) {
    if (gone()) {
      return;
    }
    if (now - lastHeardAt > idleTimeoutMs) {
      close(CloseCodes.IDLE, "idle timeout");
    } else if (!queue.isEmpty() && now - stuckSince > stallLimitMs) {
      close(CloseCodes.TOO_SLOW, "too slow: nothing was read for too long");
    } else if (caller != null && caller.expiresAtEpochSeconds() * 1000 <= now) {
      close(CloseCodes.UNAUTHORIZED, "the access token expired");
    } else if (!socket.writeQueueFull()) {
      socket.writePing(Buffer.buffer("hb"));
    }
  }

  void heard() {
    lastHeardAt = System.currentTimeMillis();
  }

  void close(short code, String reason) {
    if (!closed) {
      closed = true;
      metrics.closed(code);
      socket.close(code, reason);
    }
  }

  boolean closed() {
    return closed;
  }

  /**
   * Closed by us, or by the peer before the socket's close handler ran: a fan-out or heartbeat in
   * that window must not write (the socket would throw).
   */
  private boolean gone() {
    return closed || socket.isClosed();
  }

  Caller caller() {
    return caller;
  }

  void authenticated(Caller who) {
    this.caller = who;
  }

  Set<String> addresses() {
    return addresses;
  }
}
