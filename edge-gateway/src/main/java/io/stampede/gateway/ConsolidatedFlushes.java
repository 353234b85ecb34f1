package io.stampede.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One socket write for the answers a cleartext connection finishes in one turn of its event loop,
 * instead of one write each. An answer that ends outside a read (the service's reply came back over
 * the bus) is flushed at once by Vert.x: over HTTP/2, with many streams on a connection, that is a
 * {@code writev} per answer, even when the replies of one Redis round trip end a dozen of them back
 * to back. Netty's {@link FlushConsolidationHandler}, first in the pipeline, turns those flushes
 * into one at the end of the loop's current batch of tasks, and holds a read's flushes until the
 * read is complete (as Vert.x already does).
 *
 * <p>Measured with h2load over h2c (perf/RESULTS.md, the twenty-fourth machine): 0.49 socket
 * writes per answer instead of 1.12 at the most it takes, a quarter less CPU per answer and a
 * quarter more answers a second; HTTP/1.1 without pipelining has one answer in flight per
 * connection and is unchanged. TLS connections already write far less often than once per answer
 * (the {@code SslHandler} gathers what it encrypts), and it measured no better there, so it is
 * left out of their pipeline.
 */
final class ConsolidatedFlushes {

  /** A flush goes through at once after this many held back, so a long batch still sends as it goes. */
  static final int FLUSH_AT_LEAST_EVERY = 64;

  private ConsolidatedFlushes() {
  }

  /** For {@code HttpServer.connectionHandler}; once per channel (an h2c upgrade reports a second connection). */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      install(base.channel().pipeline());
    }
  }

  static void install(ChannelPipeline pipeline) {
    if (pipeline.get(FlushConsolidationHandler.class) == null) {
      pipeline.addFirst(new FlushConsolidationHandler(FLUSH_AT_LEAST_EVERY, true));
    }
  }
}
