package io.stampede.orders.sync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.stampede.contracts.grpc.DropState;

/**
 * The order service's view of each drop's state, as the drops service syncs it. Only a newer
 * version replaces an older one, so syncs that arrive out of order never roll a drop back.
 */
public final class DropStateCache {

  private final Map<String, DropState> states = new ConcurrentHashMap<>();

  /** @return whether {@code state} is now the known state (it was newer than what was known, or the first) */
  public boolean apply(DropState state) {
    return states.merge(state.getDropId(), state,
        (known, incoming) -> incoming.getVersion() > known.getVersion() ? incoming : known) == state;
  }

  /** The version known for a drop, 0 when none. */
  public long version(String dropId) {
    DropState known = states.get(dropId);
    return known == null ? 0 : known.getVersion();
  }

  public Optional<DropState> get(String dropId) {
    return Optional.ofNullable(states.get(dropId));
  }
}
