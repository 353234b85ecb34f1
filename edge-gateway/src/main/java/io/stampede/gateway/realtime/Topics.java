package io.stampede.gateway.realtime;

import java.util.Optional;
import java.util.regex.Pattern;

import io.stampede.contracts.bus.Addresses;

/** The public topics of {@code /ws} and the bus addresses behind them. */
final class Topics {

  static final String ANNOUNCEMENTS = "drops";
  private static final String DROP_PREFIX = "drop:";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Topics() {
  }

  /** The bus address of a topic a client named, or empty when there is no such topic. */
  static Optional<String> address(String topic) {
    if (ANNOUNCEMENTS.equals(topic)) {
      return Optional.of(Addresses.DROPS_ANNOUNCEMENTS);
    }
    if (topic != null && topic.startsWith(DROP_PREFIX) && ID.matcher(topic.substring(DROP_PREFIX.length())).matches()) {
      return Optional.of(Addresses.dropChannel(topic.substring(DROP_PREFIX.length())));
    }
    return Optional.empty();
  }
}
