package io.stampede.creators;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.grpc.CreatorAuthorization;
import io.stampede.creators.api.CreatorsApiVerticle;
import io.stampede.creators.store.pg.PgProductStore;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;

/** The creators service: creator profiles and their products. */
public final class CreatorsService extends ServiceModuleBase {

  public CreatorsService() {
    super(Services.CREATORS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    var store = new PgProductStore(PostgresSetup.pool(context.vertx(), context.config(), "creators"));
    return context.vertx().deployVerticle(new CreatorsApiVerticle(store, new CreatorAuthorization(context.grpc())))
        .mapEmpty();
  }
}
