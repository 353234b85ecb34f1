package io.stampede.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On a real event loop (Netty's in-memory transport): answers that one task ends, each with its own
 * flush, reach the socket in one flush, and every one of them arrives.
 */
class ConsolidatedFlushesTest {

  /** Stands in for Vert.x ending answers as the services' replies come back: a write and a flush each. */
  private static final class EndsAnswers extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object answers) {
      for (Object answer : (List<?>) answers) {
        ctx.writeAndFlush(answer);
      }
    }
  }

  /** Next to the socket: counts the flushes that reach it. */
  private static final class SocketFlushes extends ChannelOutboundHandlerAdapter {
    volatile int count;

    @Override
    public void flush(ChannelHandlerContext ctx) {
      count++;
      ctx.flush();
    }
  }

  private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
  private final SocketFlushes socketFlushes = new SocketFlushes();
  private final List<Object> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** With the handler, three answers ended in one task reach the socket in one flush; without it, in three. */
  @ParameterizedTest(name = "consolidated={0}")
  @CsvSource({"true, 1", "false, 3"})
  void answersEndedInOneTaskReachTheSocketInOneFlush(boolean consolidated, int flushes) throws Exception {
    Channel server = connect(consolidated);

    endAnswers(server, 3);

    assertThat(received).containsExactlyElementsOf(answers(3));
    assertThat(socketFlushes.count).isEqualTo(flushes);
  }

  @Test
  void aLongRunOfAnswersIsFlushedAsItGoes() throws Exception {
    Channel server = connect(true);
    int many = ConsolidatedFlushes.FLUSH_AT_LEAST_EVERY + 1;

    endAnswers(server, many);

    assertThat(received).containsExactlyElementsOf(answers(many));
    assertThat(socketFlushes.count).as("one when the limit was reached, one for the rest").isEqualTo(2);
  }

  @Test
  void installedOncePerChannel() {
    EmbeddedChannel channel = new EmbeddedChannel();
    ConsolidatedFlushes.install(channel.pipeline());
    ConsolidatedFlushes.install(channel.pipeline());

    assertThat(channel.pipeline().names().stream()
        .filter(name -> channel.pipeline().get(name) instanceof FlushConsolidationHandler)).hasSize(1);
    channel.finishAndReleaseAll();
  }

  /** The server's side of a connection whose client collects what arrives in {@link #received}. */
  private Channel connect(boolean consolidated) throws Exception {
    LocalAddress address = new LocalAddress(ConsolidatedFlushesTest.class);
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    new ServerBootstrap().group(loop).channel(LocalServerChannel.class).childHandler(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new EndsAnswers());
        if (consolidated) {
          ConsolidatedFlushes.install(channel.pipeline());
        }
        channel.pipeline().addFirst(socketFlushes);
        accepted.complete(channel);
      }
    }).bind(address).sync();
    new Bootstrap().group(loop).channel(LocalChannel.class).handler(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(msg);
      }
    }).connect(address).sync();
    return accepted.get(5, TimeUnit.SECONDS);
  }

  /** Ends {@code count} answers in one task on the connection's loop; returns when they have all arrived. */
  private void endAnswers(Channel server, int count) throws Exception {
    server.eventLoop().submit(() -> server.pipeline().fireUserEventTriggered(answers(count))).sync();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (received.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  private static List<Object> answers(int count) {
    List<Object> answers = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      answers.add("answer " + i);
    }
    return answers;
  }
}
