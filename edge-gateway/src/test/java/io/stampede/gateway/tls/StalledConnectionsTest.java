package io.stampede.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * A connection holding bytes it does not send is reported once it has done so for longer than the
 * limit, and no longer once it sends again; a closed one is forgotten. (The HTTP/2 windows are read
 * from a real connection's handler; this channel has none.)
 */
class StalledConnectionsTest {

  private final AtomicLong now = new AtomicLong();
  private final StalledConnections stalled = new StalledConnections(10_000, now::get);

  @Test
  void aConnectionThatHoldsUnsentBytesPastTheLimitIsReportedUntilItSendsThem() {
    EmbeddedChannel quiet = new EmbeddedChannel();
    EmbeddedChannel holding = new EmbeddedChannel();
    holding.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
    stalled.track(quiet);
    stalled.track(holding);

    holding.write(Unpooled.wrappedBuffer(new byte[64]));
    assertThat(StalledConnections.stateOf(holding).stalled()).as("unwritable with 64 bytes unsent").isTrue();
    assertThat(stalled.check()).as("just stalled").isZero();
    now.addAndGet(TimeUnit.SECONDS.toNanos(11));
    assertThat(stalled.check()).isEqualTo(1);

    holding.flush();
    assertThat(stalled.check()).as("sent").isZero();
    holding.write(Unpooled.wrappedBuffer(new byte[64]));
    now.addAndGet(TimeUnit.SECONDS.toNanos(5));
    assertThat(stalled.check()).as("stalled again, but only since now").isZero();

    holding.close();
    now.addAndGet(TimeUnit.SECONDS.toNanos(20));
    assertThat(stalled.check()).as("closed connections are forgotten").isZero();
    quiet.close();
  }
}
