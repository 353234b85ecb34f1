package io.stampede.platform.infra;

import java.lang.reflect.Field;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisStandaloneConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the commands that one event loop sends on its Redis connection share system calls.
 *
 * <p>The Vert.x Redis client writes and flushes every command on its own: one {@code send()} to
 * the kernel per command, and one read for Redis to wake up to. In the order burst these calls
 * were the member's hottest leaf (10% of its CPU samples). Netty's {@link FlushConsolidationHandler}
 * at the head of the connection's pipeline keeps each write as it is and merges the flushes: those
 * made while the connection reads (commands sent from reply callbacks) go out when the read ends,
 * and the others at the end of the current event-loop task. Nothing is reordered or held back
 * longer than that task.
 *
 * <p>The client keeps its socket private, so it is reached by reflection. Where that fails (another
 * client version) the connection works as before, unconsolidated, and this says so once.
 */
final class CoalescedFlushes {

  private static final Logger LOG = LoggerFactory.getLogger(CoalescedFlushes.class);
  private static final String HANDLER_NAME = "stampede-coalesced-flushes";
  /** At most this many flushes are merged into one, so a long task still sends as it goes. */
  private static final int FLUSH_AT_LEAST_EVERY = 64;
  private static final Field SOCKET = socketField();

  private CoalescedFlushes() {
  }

  /** From now on the connection's flushes are merged, where its socket can be reached. */
  static void install(RedisConnection connection) {
    ChannelPipeline pipeline = pipeline(connection);
    if (pipeline != null && pipeline.get(HANDLER_NAME) == null) {
      pipeline.addFirst(HANDLER_NAME, new FlushConsolidationHandler(FLUSH_AT_LEAST_EVERY, true));
    }
  }

  private static ChannelPipeline pipeline(RedisConnection connection) {
    Object actual = connection instanceof PooledRedisConnection pooled ? pooled.actual() : connection;
    if (SOCKET == null || !(actual instanceof RedisStandaloneConnection)) {
      return null;
    }
    try {
      return SOCKET.get(actual) instanceof NetSocketInternal socket ? socket.channelHandlerContext().pipeline() : null;
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Field socketField() {
    try {
      Field field = RedisStandaloneConnection.class.getDeclaredField("netSocket");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("Redis commands are flushed one by one: this Redis client hides its socket ({})", e.toString());
      return null;
    }
  }
}
