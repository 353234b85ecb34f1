package io.stampede.users;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.stampede.users.api.UsersApiVerticle;
import io.stampede.users.store.pg.PgUserProfiles;
import io.vertx.core.Future;

/** The users service: profiles and the social graph. */
public final class UsersService extends ServiceModuleBase {

  public UsersService() {
    super(Services.USERS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    var profiles = new PgUserProfiles(PostgresSetup.pool(context.vertx(), context.config(), "users"));
    return context.vertx().deployVerticle(new UsersApiVerticle(profiles)).mapEmpty();
  }
}
