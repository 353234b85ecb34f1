package io.stampede.notifications;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.service.ServiceModuleBase;

/** The notifications service. Turns events into socket messages and push notifications. */
public final class NotificationsService extends ServiceModuleBase {

  public NotificationsService() {
    super(Services.NOTIFICATIONS);
  }
}
