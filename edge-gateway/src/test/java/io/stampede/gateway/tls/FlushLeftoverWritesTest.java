package io.stampede.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.Test;

/**
 * What the handler promises, on a channel of its own: a write that nothing flushes is flushed once
 * the event-loop task that made it is over (here: when the channel runs its pending tasks), and
 * writes followed by a flush are left alone. The stall itself needs a loaded TLS connection with
 * thousands of streams: perf/RESULTS.md has the h2load and Gatling runs that show it.
 */
class FlushLeftoverWritesTest {

  /** Stands in for the HTTP/2 flow controller: hands held-back frames on when writability changes, unflushed. */
  private static final class WritesHeldBackFrames extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      ctx.write("held-back frame");
    }
  }

  @Test
  void aWriteNothingFlushesIsFlushedWhenTheTaskIsOver() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlushLeftoverWrites(), new WritesHeldBackFrames());

    channel.pipeline().fireChannelWritabilityChanged();
    assertThat((Object) channel.readOutbound()).as("not yet: the task that wrote is still running").isNull();
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isEqualTo("held-back frame");
    channel.finishAndReleaseAll();
  }

  @Test
  void withoutItTheFrameWaits() {
    EmbeddedChannel channel = new EmbeddedChannel(new WritesHeldBackFrames());

    channel.pipeline().fireChannelWritabilityChanged();
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).as("written, never flushed").isNull();
    channel.finishAndReleaseAll();
  }

  @Test
  void writesThatWereFlushedAreNotFlushedAgain() {
    int[] flushes = {0};
    EmbeddedChannel channel = new EmbeddedChannel(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes[0]++;
        ctx.flush();
      }
    }, new FlushLeftoverWrites());

    channel.writeAndFlush("answer");
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isEqualTo("answer");
    assertThat(flushes[0]).isEqualTo(1);
    channel.finishAndReleaseAll();
  }

  @Test
  void goesRightAfterTheTlsHandlerAndOnlyWhereThereIsOne() {
    EmbeddedChannel tls = new EmbeddedChannel();
    tls.pipeline().addLast("ssl", tlsHandler());
    tls.pipeline().addLast("handler", new WritesHeldBackFrames());
    EmbeddedChannel cleartext = new EmbeddedChannel();
    cleartext.pipeline().addLast("handler", new WritesHeldBackFrames());

    FlushLeftoverWrites.install(tls.pipeline());
    FlushLeftoverWrites.install(tls.pipeline());
    FlushLeftoverWrites.install(cleartext.pipeline());

    assertThat(tls.pipeline().names()).startsWith("ssl", FlushLeftoverWrites.NAME, "handler");
    assertThat(tls.pipeline().names().stream().filter(FlushLeftoverWrites.NAME::equals)).hasSize(1);
    assertThat(cleartext.pipeline().names()).doesNotContain(FlushLeftoverWrites.NAME);
    tls.finishAndReleaseAll();
    cleartext.finishAndReleaseAll();
  }

  /** A server-side TLS handler: it waits for a client hello, so it stays quiet in these channels. */
  private static SslHandler tlsHandler() {
    try {
      SSLEngine engine = SSLContext.getDefault().createSSLEngine();
      engine.setUseClientMode(false);
      return new SslHandler(engine);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
