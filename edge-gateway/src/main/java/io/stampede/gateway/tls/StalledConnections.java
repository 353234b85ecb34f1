package io.stampede.gateway.tls;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds TLS connections that hold answers they do not send. In the 20,000-fan burst thousands of
 * answers, ended by the gateway, sometimes never reached the client, with the member idle
 * (perf/RESULTS.md); {@link FlushLeftoverWrites} cured the cases found before. A connection is
 * stalled while Netty holds bytes it has not written to the socket (it is not writable), or while
 * HTTP/2 flow control lets it send nothing more; one stalled for longer than the limit is
 * described in a warning: how much it holds, both HTTP/2 connection windows, its open streams and
 * whether it is still read. One instance per gateway verticle, for the connections of its event
 * loop, used on that loop only.
 */
public final class StalledConnections {

  private static final Logger LOG = LoggerFactory.getLogger(StalledConnections.class);
  private static final long NOT_STALLED = Long.MIN_VALUE;

  /** What one connection holds back right now; {@code stalled} when it can send nothing. */
  record State(boolean writable, long bytesBeforeWritable, int sendWindow, int receiveWindow, int openStreams,
               boolean reading) {
    boolean stalled() {
      return !writable || sendWindow <= 0;
    }
  }

  private final Map<Channel, Long> stalledSince = new IdentityHashMap<>();
  private final long limitNanos;
  private final LongSupplier nanoTime;

  public StalledConnections(long limitMs, LongSupplier nanoTime) {
    this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMs);
    this.nanoTime = nanoTime;
  }

  /** For {@code HttpServer.connectionHandler} of the TLS port. */
  public void track(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      track(base.channel());
    }
  }

  void track(Channel channel) {
    stalledSince.put(channel, NOT_STALLED);
    channel.closeFuture().addListener(closed -> stalledSince.remove(channel));
  }

  /** Connections stalled for longer than the limit; logs the one stalled longest when there are any. */
  public int check() {
    long now = nanoTime.getAsLong();
    int stalled = 0;
    Channel longest = null;
    State longestState = null;
    long longestSince = Long.MAX_VALUE;
    for (Map.Entry<Channel, Long> e : stalledSince.entrySet()) {
      State state = stateOf(e.getKey());
      if (!state.stalled()) {
        e.setValue(NOT_STALLED);
        continue;
      }
      long since = e.getValue() == NOT_STALLED ? now : e.getValue();
      e.setValue(since);
      if (now - since > limitNanos) {
        stalled++;
        if (since < longestSince) {
          longestSince = since;
          longest = e.getKey();
          longestState = state;
        }
      }
    }
    if (longest != null) {
      LOG.warn("{} TLS connections have sent nothing for more than {} ms; the longest, {} for {} ms: {}", stalled,
          TimeUnit.NANOSECONDS.toMillis(limitNanos), longest.remoteAddress(),
          TimeUnit.NANOSECONDS.toMillis(now - longestSince), longestState);
    }
    return stalled;
  }

  static State stateOf(Channel channel) {
    Http2ConnectionHandler h2 = channel.pipeline().get(Http2ConnectionHandler.class);
    int send = Integer.MAX_VALUE;
    int receive = Integer.MAX_VALUE;
    int streams = 0;
    if (h2 != null) {
      Http2Connection c = h2.connection();
      try {
        send = c.remote().flowController().windowSize(c.connectionStream());
        receive = c.local().flowController().windowSize(c.connectionStream());
      } catch (RuntimeException e) {
        // a connection going away has no windows to report
      }
      streams = c.numActiveStreams();
    }
    return new State(channel.isWritable(), channel.bytesBeforeWritable(), send, receive, streams,
        channel.config().isAutoRead());
  }
}
