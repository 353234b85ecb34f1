package io.stampede.gateway.tls;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Works around answers that a TLS connection under load computes but never sends: whatever the
 * HTTP layer writes is flushed by the end of the event-loop task that wrote it.
 *
 * <p>Vert.x and Netty's HTTP/2 code leave some writes unflushed, counting on a flush that, over
 * TLS under load, does not always come. Seen here: after a writability change Netty's flow
 * controller hands on the frames it held back without flushing; they wait, unencrypted, in the
 * {@link SslHandler}, and count against the connection's writability, so it never becomes writable
 * again (h2load, 10,000 streams on a TLS connection: 300 KB sitting there, the connection idle).
 * Vert.x also holds back flushes from a {@code channelRead} to the next {@code channelReadComplete},
 * and the {@code SslHandler} can pass decrypted bytes on outside a socket read, with no
 * {@code channelReadComplete} after them. Either way the answers wait until the client sends
 * something, and a client that sent a burst of requests and waits for their answers sends
 * nothing: in the 20,000-fan HTTP/2 burst thousands of answers, all computed within seconds,
 * waited until Gatling gave up after 60 s.
 *
 * <p>This handler sits between the {@code SslHandler} and HTTP. A write through it that no flush
 * has followed gets one at the end of the current event-loop task, after the read cycle that
 * caused it, so writes made during a read are still sent together. Cleartext connections do not
 * stall (h2c ran the same loads through), so only connections with an {@code SslHandler} get it.
 */
public final class FlushLeftoverWrites extends ChannelDuplexHandler {

  static final String NAME = "stampede-flush-leftover-writes";

  private boolean unflushed;
  private boolean flushScheduled;

  FlushLeftoverWrites() {
  }

  /** For {@code HttpServer.connectionHandler}; does nothing on a connection without TLS. */
  public static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      install(base.channel().pipeline());
    }
  }

  static void install(ChannelPipeline pipeline) {
    ChannelHandlerContext tls = pipeline.context(SslHandler.class);
    if (tls != null && pipeline.get(NAME) == null) {
      pipeline.addAfter(tls.name(), NAME, new FlushLeftoverWrites());
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    unflushed = true;
    ctx.write(msg, promise);
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor().execute(() -> {
        flushScheduled = false;
        if (unflushed) {
          flush(ctx);
        }
      });
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    unflushed = false;
    ctx.flush();
  }
}
