package io.stampede.orders.sync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.stampede.contracts.grpc.DropState;

/**
 * The order service's view of each drop's state, as the drops service syncs it. An older version
 * never replaces a newer one, so syncs that arrive out of order never roll a drop back. A sync of
 * the version already known is taken again: the drops service repeats a sync whose change it rolled
 * back (the order service did not acknowledge it), and the committed state of that version is the
 * last word on it, whatever an uncommitted one said.
 */
public final class DropStateCache {

  private final Map<String, DropState> states = new ConcurrentHashMap<>();

  /** @return whether {@code state} is now the known state (the first, or not older than what was known) */
  public boolean apply(DropState state) {
    return states.merge(state.getDropId(), state,
        (known, incoming) -> incoming.getVersion() >= known.getVersion() ? incoming : known) == state;
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
