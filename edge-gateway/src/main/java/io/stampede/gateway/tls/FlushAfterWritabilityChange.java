package io.stampede.gateway.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Works around answers that a TLS connection under load computes but never sends.
 *
 * <p>When a connection's outbound buffer fills, Netty's HTTP/2 flow controller holds frames back;
 * when the connection becomes writable again it hands them on, but nothing flushes them. Over TLS
 * they then wait in the {@link SslHandler}, unencrypted, and count against the connection's
 * writability, so it never becomes writable again and nothing asks for a flush: every answer
 * written to that connection afterwards waits until the client sends something. A client that
 * sent a burst of requests and waits for their answers sends nothing. In a 6,000-fan HTTP/2 burst
 * a quarter of the answers, all computed within seconds, waited until Gatling gave up after
 * 60 s; h2load with 10,000 streams on a connection stopped the same way, with 300 KB sitting in
 * the {@code SslHandler} and the connection idle.
 *
 * <p>This handler sits between the {@code SslHandler} and HTTP, so it sees each writability change
 * before the HTTP/2 handler does: it lets the change through, then flushes what it caused.
 * A flush with nothing pending costs nothing. Cleartext connections do not need it (nothing holds
 * their written frames back), so only connections with an {@code SslHandler} get it.
 */
public final class FlushAfterWritabilityChange extends ChannelInboundHandlerAdapter {

  static final String NAME = "stampede-flush-after-writability-change";

  FlushAfterWritabilityChange() {
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
      pipeline.addAfter(tls.name(), NAME, new FlushAfterWritabilityChange());
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.fireChannelWritabilityChanged();
    ctx.channel().flush();
  }
}
