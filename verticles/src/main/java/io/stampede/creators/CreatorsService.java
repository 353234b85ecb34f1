package io.stampede.creators;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.service.ServiceModuleBase;

/** The creators service. Creator profiles and their products. */
public final class CreatorsService extends ServiceModuleBase {

  public CreatorsService() {
    super(Services.CREATORS);
  }
}
