package io.stampede.users;

import java.time.Duration;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.stampede.users.api.UsersApiVerticle;
import io.stampede.users.cache.CacheInvalidatorVerticle;
import io.stampede.users.cache.CachedUserProfiles;
import io.stampede.users.devices.DevicesApiVerticle;
import io.stampede.users.devices.PgDevices;
import io.stampede.users.devices.PushTargetsVerticle;
import io.stampede.users.events.OutboxRelayVerticle;
import io.stampede.users.store.pg.PgUserProfiles;
import io.stampede.users.webhooks.PgWebhooks;
import io.stampede.users.webhooks.WebhookDispatcherVerticle;
import io.stampede.users.webhooks.WebhookFanoutVerticle;
import io.stampede.users.webhooks.WebhookTargets;
import io.stampede.users.webhooks.WebhooksApiVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The users service: profiles (cached in Redis) and the social graph, push devices, and webhooks.
 * Every change writes its event into an outbox in the same transaction; the relay puts it on
 * {@code user_events}, where the cache invalidator and the webhook fan-out consume it.
 */
public final class UsersService extends ServiceModuleBase {

  private static final Duration PROFILE_TTL = Duration.ofMinutes(5);

  public UsersService() {
    super(Services.USERS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    Vertx vertx = context.vertx();
    Pool pool = PostgresSetup.pool(vertx, context.config(), "users");
    var profiles = new CachedUserProfiles(new PgUserProfiles(pool), context.redis(), context.redisKeys(), PROFILE_TTL,
        vertx.eventBus());
    var hooks = new PgWebhooks(pool);
    var targets = new WebhookTargets(vertx, context.config().production());
    var devices = new PgDevices(pool);
    return vertx.deployVerticle(new UsersApiVerticle(profiles))
        .compose(v -> vertx.deployVerticle(new DevicesApiVerticle(devices)))
        .compose(v -> vertx.deployVerticle(new PushTargetsVerticle(devices)))
        .compose(v -> vertx.deployVerticle(new WebhooksApiVerticle(hooks, targets)))
        .compose(v -> deployBackground(new OutboxRelayVerticle(pool, context.kafkaBootstrap())))
        .compose(v -> vertx.deployVerticle(new CacheInvalidatorVerticle(context.redis(), context.redisKeys(),
            PROFILE_TTL, context.kafkaBootstrap(), context.metrics().registry())))
        .compose(v -> vertx.deployVerticle(new WebhookFanoutVerticle(hooks, context.kafkaBootstrap(),
            context.metrics().registry())))
        .compose(v -> deployBackground(new WebhookDispatcherVerticle(hooks, targets)))
        .mapEmpty();
  }
}
