package io.stampede.users.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventDecodingException;
import io.stampede.contracts.events.EventEnvelope;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.FollowChanged;
import io.stampede.contracts.events.Topics;
import io.stampede.platform.infra.KafkaBatchLoop;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops cached profiles when {@code user_events} says they changed (group {@code users-cache}). */
public class CacheInvalidatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidatorVerticle.class);
  private static final String GROUP = "users-cache";

  private final Redis redis;
  private final RedisKeys keys;
  private final Duration ttl;
  private final String bootstrap;
  private final MeterRegistry meters;
  private KafkaBatchLoop loop;

  public CacheInvalidatorVerticle(Redis redis, RedisKeys keys, Duration ttl, String bootstrap, MeterRegistry meters) {
    this.redis = redis;
    this.keys = keys;
    this.ttl = ttl;
    this.bootstrap = bootstrap;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    return KafkaBatchLoop.start(vertx, meters, bootstrap, GROUP, Topics.USER_EVENTS, "invalidating cached profiles",
            this::invalidate)
        .onSuccess(started -> loop = started);
  }

  private Future<Void> invalidate(KafkaConsumerRecords<String, Buffer> records) {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      try {
        EventEnvelope e = EventCodec.decode(records.recordAt(i).value());
        if (Events.USER_UPDATED.matches(e)) {
          users.add(Events.USER_UPDATED.read(e).userId());
        } else if (Events.FOLLOW_CREATED.matches(e) || Events.FOLLOW_DELETED.matches(e)) {
          FollowChanged f = (Events.FOLLOW_CREATED.matches(e) ? Events.FOLLOW_CREATED : Events.FOLLOW_DELETED).read(e);
          users.add(f.followerId());
          users.add(f.followeeId());
        }
      } catch (EventDecodingException bad) {
        LOG.error("skipping an unreadable user event: {}", bad.getMessage());
      }
    }
    return users.isEmpty() ? Future.succeededFuture()
        : CachedUserProfiles.forget(redis, keys, ttl, users.stream().distinct().toArray(String[]::new));
  }

  @Override
  public Future<?> stop() {
    return loop == null ? Future.succeededFuture() : loop.stop();
  }
}
