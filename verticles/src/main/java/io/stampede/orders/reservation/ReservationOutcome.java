package io.stampede.orders.reservation;

import io.stampede.contracts.errors.ErrorCode;
import io.vertx.core.json.JsonObject;

/** What the reservation script decided. */
public sealed interface ReservationOutcome {

  /** Stock taken; the order must now be made durable (or the reservation undone). */
  record Reserved(int remaining) implements ReservationOutcome {
  }

  /** The same key and body were answered 201 before: answer the same again. */
  record Replayed(JsonObject answer) implements ReservationOutcome {
  }

  /** Refused now, or refused the first time this key was used (a replay gets the same refusal). */
  record Refused(ErrorCode code) implements ReservationOutcome {
  }

  /** The first request with this key is still between reservation and answer. */
  record InFlight() implements ReservationOutcome {
  }

  /** The key was used before with a different body. */
  record KeyReused() implements ReservationOutcome {
  }

  /** No counters for the drop: not seeded yet, or Redis lost them and they are being rebuilt. */
  record NotReady() implements ReservationOutcome {
  }

  /** The drop has no such item. */
  record NoSuchItem() implements ReservationOutcome {
  }
}
