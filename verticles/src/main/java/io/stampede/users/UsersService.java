package io.stampede.users;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.service.ServiceModuleBase;

/** The users service. Profiles, the social graph, devices and webhooks. */
public final class UsersService extends ServiceModuleBase {

  public UsersService() {
    super(Services.USERS);
  }
}
