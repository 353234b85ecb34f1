package io.stampede.auth;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.service.ServiceModuleBase;

/** The auth service. Accounts, passwords, tokens and the keys that sign them. */
public final class AuthService extends ServiceModuleBase {

  public AuthService() {
    super(Services.AUTH);
  }
}
