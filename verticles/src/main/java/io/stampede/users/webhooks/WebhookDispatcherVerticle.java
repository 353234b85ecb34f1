package io.stampede.users.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.stampede.platform.async.RoundsWhenDue;
import io.stampede.platform.logging.RepeatedWarning;
import io.stampede.users.webhooks.PgWebhooks.Delivery;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries: signed (Standard Webhooks), 5 s timeout, no redirects followed;
 * any 2xx finishes a delivery, anything else schedules the next attempt ({@link Backoff}). The
 * same {@code webhook-id} on every attempt lets receivers drop repeats. In production the target
 * is checked again before each attempt; a target that now resolves to a private address fails the
 * delivery for good. Runs on every member; leases keep them off each other's deliveries.
 *
 * <p>It sends when a delivery is due ({@link RoundsWhenDue}): at once for a new one (the fan-out
 * tells it), at its retry time for a failed one, and a hook's next queued delivery right after the
 * one before it. It looks again at least every {@link #RECHECK}, for what another member left
 * (its lease ran out, it died mid-attempt). At rest that is one query a second.
 */
public class WebhookDispatcherVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcherVerticle.class);
  private static final RepeatedWarning ROUND_FAILED = new RepeatedWarning(LOG, "webhook dispatch round failed: {}");
  private static final Duration RECHECK = Duration.ofSeconds(1);
  private static final int TIMEOUT_MS = 5000;
  /** Longer than an attempt can take (the timeout), so a lease only outlives a member that died mid-attempt. */
  private static final Duration LEASE = Duration.ofSeconds(15);

  private final PgWebhooks hooks;
  private final WebhookTargets targets;
  private final Backoff backoff = new Backoff(() -> ThreadLocalRandom.current().nextDouble());
  private WebClient client;
  private RoundsWhenDue rounds;

  public WebhookDispatcherVerticle(PgWebhooks hooks, WebhookTargets targets) {
    this.hooks = hooks;
    this.targets = targets;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setConnectTimeout(TIMEOUT_MS)
        .setUserAgent("Stampede-Webhooks/1"));
    // A round's attempts end within their timeout, so one that outlives the lease lost an answer.
    rounds = new RoundsWhenDue(vertx, hooks::untilNextDue, this::dispatchDue, RECHECK, LEASE,
        e -> ROUND_FAILED.warn(e.getMessage()));
    rounds.ask();
    return vertx.eventBus().localConsumer(WebhookFanoutVerticle.QUEUED, msg -> rounds.ask()).completion();
  }

  private Future<Void> dispatchDue() {
    return hooks.claimDue(LEASE)
        .compose(due -> {
          List<Future<Void>> sends = new ArrayList<>();
          due.forEach(d -> sends.add(attempt(d)));
          return Future.join(sends);
        })
        .mapEmpty();
  }

  private Future<Void> attempt(Delivery d) {
    return targets.check(d.url())
        .compose(uri -> send(uri, d).transform(answer -> outcome(d, answer.succeeded() ? answer.result() : null,
            answer.succeeded() ? null : answer.cause())),
            refused -> hooks.failed(d.id(), "target refused: " + refused.getMessage()));
  }

  private Future<HttpResponse<Buffer>> send(URI uri, Delivery d) {
    long timestamp = System.currentTimeMillis() / 1000;
    return client.postAbs(uri.toString()).timeout(TIMEOUT_MS)
        .putHeader("content-type", "application/json")
        .putHeader("webhook-id", d.id())
        .putHeader("webhook-timestamp", String.valueOf(timestamp))
        .putHeader("webhook-signature", WebhookSignatures.sign(d.secret(), d.id(), timestamp, d.body()))
        .sendBuffer(Buffer.buffer(d.body()));
  }

  private Future<Void> outcome(Delivery d, HttpResponse<Buffer> response, Throwable error) {
    if (response != null && response.statusCode() / 100 == 2) {
      return hooks.delivered(d.id());
    }
    String why = response != null ? "HTTP " + response.statusCode() : String.valueOf(error.getMessage());
    if (d.ageMs() > Backoff.GIVE_UP_AFTER.toMillis()) {
      LOG.warn("giving up webhook delivery {} of hook {} after {} attempts: {}", d.id(), d.hookId(), d.attempts(), why);
      return hooks.failed(d.id(), why);
    }
    return hooks.retryLater(d.id(), backoff.after(d.attempts()), why);
  }

  @Override
  public Future<?> stop() {
    return rounds.stop().onComplete(done -> client.close());
  }
}
