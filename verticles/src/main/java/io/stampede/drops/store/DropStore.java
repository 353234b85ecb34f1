package io.stampede.drops.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Drops and their items. State changes are guarded updates, so each happens once whoever runs them. */
public interface DropStore {

  /** Creates a SCHEDULED drop; fails with VALIDATION_FAILED when a product is not the creator's. */
  Future<DropRecord> create(String dropId, String creatorId, JsonObject request);

  Future<Optional<DropRecord>> find(String dropId);

  /** SCHEDULED and LIVE drops, soonest first, after {@code position} ({@code [startsAt, id]}). */
  Future<List<DropRecord>> upcoming(JsonArray position, int limit);

  /** SCHEDULED → CANCELLED; empty when the drop was not scheduled (any more). */
  Future<Optional<DropRecord>> cancel(String dropId);

  /** LIVE → SOLD_OUT; empty when the drop was not live (any more), so only one caller announces it. */
  Future<Optional<DropRecord>> soldOut(String dropId);

  /**
   * Drops whose latest version the order service has not acknowledged (the sync after an API change
   * did not get through), the longest-waiting first.
   */
  Future<List<DropRecord>> behindOrderService(int limit);

  /** Records that the order service acknowledged {@code version} of a drop; never lowers what was recorded. */
  Future<Void> markSynced(String dropId, long version);

  /**
   * SCHEDULED → LIVE at startsAt and LIVE → ENDED at endsAt, for every drop that is due; the drops
   * changed. {@code beforeCommit} is told of them while the change is still uncommitted (the rows
   * locked): what it does happens before anyone reading the store sees the new states, and a
   * concurrent {@link #cancel} waits for it and then finds the drop no longer scheduled. The changes
   * commit as synced ({@link #markSynced}): they commit only when {@code beforeCommit} succeeded.
   */
  Future<List<DropRecord>> advanceDue(Function<List<DropRecord>, Future<Void>> beforeCommit);

  /**
   * How long until the next drop is due to go live or to end, by the database's clock (the one
   * {@link #advanceDue} goes by); negative when one is due already, or when a drop is
   * {@link #behindOrderService behind the order service}; empty when none is scheduled to.
   */
  Future<Optional<Duration>> untilNextDue();
}
