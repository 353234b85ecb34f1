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

  /** @return the version now known for the drop; equal to {@code state}'s when it was applied */
  public long apply(DropState state) {
    return states.merge(state.getDropId(), state,
        (known, incoming) -> incoming.getVersion() > known.getVersion() ? incoming : known).getVersion();
  }

  public Optional<DropState> get(String dropId) {
    return Optional.ofNullable(states.get(dropId));
  }
}
