package io.stampede.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.Test;

/**
 * What the handler promises, on a channel of its own: what the HTTP layer writes when the
 * connection's writability changes (as Netty's HTTP/2 flow controller does, without flushing) is
 * flushed; and it goes right after the TLS handler, only where there is one. The stall itself
 * needs a loaded TLS connection with thousands of streams: perf/RESULTS.md has the h2load and
 * Gatling runs that show it, and show it gone.
 */
class FlushAfterWritabilityChangeTest {

  /** Stands in for the HTTP/2 handler: hands held-back frames on when writability changes, unflushed. */
  private static final class WritesHeldBackFrames extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      ctx.write("held-back frame");
    }
  }

  @Test
  void framesWrittenOnAWritabilityChangeAreFlushed() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlushAfterWritabilityChange(), new WritesHeldBackFrames());

    channel.pipeline().fireChannelWritabilityChanged();

    assertThat((Object) channel.readOutbound()).isEqualTo("held-back frame");
    channel.finishAndReleaseAll();
  }

  @Test
  void withoutItTheFramesWait() {
    EmbeddedChannel channel = new EmbeddedChannel(new WritesHeldBackFrames());

    channel.pipeline().fireChannelWritabilityChanged();

    assertThat((Object) channel.readOutbound()).as("written, never flushed").isNull();
    channel.flushOutbound();
    assertThat((Object) channel.readOutbound()).isEqualTo("held-back frame");
    channel.finishAndReleaseAll();
  }

  @Test
  void goesRightAfterTheTlsHandlerAndOnlyWhereThereIsOne() {
    EmbeddedChannel tls = new EmbeddedChannel();
    tls.pipeline().addLast("ssl", tlsHandler());
    tls.pipeline().addLast("handler", new WritesHeldBackFrames());
    EmbeddedChannel cleartext = new EmbeddedChannel();
    cleartext.pipeline().addLast("handler", new WritesHeldBackFrames());

    FlushAfterWritabilityChange.install(tls.pipeline());
    FlushAfterWritabilityChange.install(tls.pipeline());
    FlushAfterWritabilityChange.install(cleartext.pipeline());

    assertThat(tls.pipeline().names()).startsWith("ssl", FlushAfterWritabilityChange.NAME, "handler");
    assertThat(tls.pipeline().names().stream().filter(FlushAfterWritabilityChange.NAME::equals)).hasSize(1);
    assertThat(cleartext.pipeline().names()).doesNotContain(FlushAfterWritabilityChange.NAME);
    tls.finishAndReleaseAll();
    cleartext.finishAndReleaseAll();
  }

  /** A server-side TLS handler: it waits for a client hello, so it stays quiet in these channels. */
  private static SslHandler tlsHandler() {
    try {
      SSLEngine engine = SSLContext.getDefault().createSSLEngine();
      engine.setUseClientMode(false);
      return new SslHandler(engine);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
