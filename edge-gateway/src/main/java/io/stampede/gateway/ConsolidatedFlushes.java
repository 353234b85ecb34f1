package io.stampede.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One socket write for the answers a cleartext HTTP/2 connection finishes in one turn of its event
 * loop, instead of one write each. An answer that ends outside a read (the service's reply came
 * back over the bus) is flushed at once by Vert.x: over HTTP/2, with many streams on a connection,
 * that is a {@code writev} per answer, even when the replies of one Redis round trip end a dozen of
 * them back to back. Netty's {@link FlushConsolidationHandler}, first in the pipeline, turns those flushes
 * into one at the end of the loop's current batch of tasks, and holds a read's flushes until the
 * read is complete (as Vert.x already does).
 *
 * <p>Measured with h2load over h2c (perf/RESULTS.md, the twenty-fourth machine): 0.49 socket
 * writes per answer instead of 1.12 at the most it takes, a quarter less CPU per answer and a
 * quarter more answers a second. An HTTP/1.1 connection has one answer in flight (clients do not
 * pipeline), so there is nothing to gather, and putting its flush off to a task of its own measured
 * up to a tenth more member CPU per new order: it is left out. So are TLS connections: they already
 * write far less often than once per answer (the {@code SslHandler} gathers what it encrypts), and
 * it measured no better there.
 */
final class ConsolidatedFlushes {

  /** A flush goes through at once after this many held back, so a long batch still sends as it goes. */
  static final int FLUSH_AT_LEAST_EVERY = 64;

  private ConsolidatedFlushes() {
  }

  /**
   * For {@code HttpServer.connectionHandler}: on an HTTP/2 connection, once; nothing on any other.
   * A connection upgraded from HTTP/1.1 ({@code Upgrade: h2c}) is handed to the handler as an
   * HTTP/2 one and gets it too ({@code ConsolidatedFlushesServerTest}).
   */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get(Http2ConnectionHandler.class) != null) {
        install(pipeline);
      }
    }
  }

  static void install(ChannelPipeline pipeline) {
    if (pipeline.get(FlushConsolidationHandler.class) == null) {
      pipeline.addFirst(new FlushConsolidationHandler(FLUSH_AT_LEAST_EVERY, true));
    }
  }
}
