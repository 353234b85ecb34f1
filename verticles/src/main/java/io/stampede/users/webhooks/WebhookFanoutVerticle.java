package io.stampede.users.webhooks;

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
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code user_events} into webhook deliveries (group {@code webhooks-fanout}): one queued row
 * per subscribed hook of every user the event is about (a follow is about both people), committed
 * to Kafka only after the rows are in Postgres. Enqueueing is idempotent per (hook, event).
 */
public class WebhookFanoutVerticle extends VerticleBase {

  /** Local address the dispatcher listens on, to send new deliveries at once instead of at its next poll. */
  public static final String QUEUED = "users.webhooks.queued";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookFanoutVerticle.class);
  private static final String GROUP = "webhooks-fanout";

  private final PgWebhooks hooks;
  private final String bootstrap;
  private final MeterRegistry meters;
  private KafkaBatchLoop loop;

  public WebhookFanoutVerticle(PgWebhooks hooks, String bootstrap, MeterRegistry meters) {
    this.hooks = hooks;
    this.bootstrap = bootstrap;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    return KafkaBatchLoop.start(vertx, meters, bootstrap, GROUP, Topics.USER_EVENTS, "queueing webhook deliveries",
            this::enqueue)
        .onSuccess(started -> loop = started);
  }

  private Future<Void> enqueue(KafkaConsumerRecords<String, Buffer> records) {
    Future<Void> chain = Future.succeededFuture();
    boolean any = false;
    for (int i = 0; i < records.size(); i++) {
      EventEnvelope event;
      try {
        event = EventCodec.decode(records.recordAt(i).value());
      } catch (EventDecodingException bad) {
        LOG.error("skipping an unreadable user event: {}", bad.getMessage());
        continue;
      }
      List<String> subjects = subjects(event);
      if (subjects.isEmpty()) {
        continue;
      }
      any = true;
      String body = new JsonObject().put("type", event.type()).put("timestamp", event.occurredAt().toString())
          .put("data", event.data()).encode();
      // In order: a hook's deliveries are sent in the order they were queued.
      chain = chain.compose(v -> hooks.enqueue(event.id(), event.type(), body, subjects));
    }
    boolean queued = any;
    return chain.onSuccess(v -> {
      if (queued) {
        vertx.eventBus().send(QUEUED, null);
      }
    });
  }

  private static List<String> subjects(EventEnvelope event) {
    List<String> subjects = new ArrayList<>();
    if (Events.USER_UPDATED.matches(event)) {
      subjects.add(Events.USER_UPDATED.read(event).userId());
    } else if (Events.FOLLOW_CREATED.matches(event) || Events.FOLLOW_DELETED.matches(event)) {
      FollowChanged f = (Events.FOLLOW_CREATED.matches(event) ? Events.FOLLOW_CREATED : Events.FOLLOW_DELETED).read(event);
      subjects.add(f.followerId());
      subjects.add(f.followeeId());
    }
    return subjects;
  }

  @Override
  public Future<?> stop() {
    return loop == null ? Future.succeededFuture() : loop.stop();
  }
}
