package io.stampede.orders.reservation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.orders.reservation.ReservationOutcome.InFlight;
import io.stampede.orders.reservation.ReservationOutcome.KeyReused;
import io.stampede.orders.reservation.ReservationOutcome.NoSuchItem;
import io.stampede.orders.reservation.ReservationOutcome.NotReady;
import io.stampede.orders.reservation.ReservationOutcome.Refused;
import io.stampede.orders.reservation.ReservationOutcome.Replayed;
import io.stampede.orders.reservation.ReservationOutcome.Reserved;
import io.stampede.orders.store.OrderCopies;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The hot counters of drops in Redis and the three scripts that move them: reserve (one atomic
 * decision per order), complete (remember the answer for replays) and undo (give stock back when
 * the order could not be made durable). Every key of a drop carries the hash tag {@code {drop:<id>}},
 * so each script touches one slot and runs unchanged on a Redis Cluster.
 */
public final class Reservations {

  private static final RedisScript RESERVE = RedisScript.withEpochPrelude(Reservations.class, "/lua/reserve.lua");
  private static final RedisScript STATUS = RedisScript.withEpochPrelude(Reservations.class, "/lua/status.lua");
  private static final RedisScript CURRENT = RedisScript.withEpochPrelude(Reservations.class, "/lua/current.lua");
  private static final RedisScript ORPHANS = RedisScript.fromResource(Reservations.class, "/lua/orphans.lua");
  private static final RedisScript COMPLETE = RedisScript.fromResource(Reservations.class, "/lua/complete.lua");
  private static final RedisScript UNDO = RedisScript.fromResource(Reservations.class, "/lua/undo.lua");
  private static final RedisScript RELEASE = RedisScript.fromResource(Reservations.class, "/lua/release.lua");
  private static final Map<String, ErrorCode> REFUSALS = Map.of(
      "DROP_NOT_LIVE", ErrorCode.DROP_NOT_LIVE,
      "LIMIT_EXCEEDED", ErrorCode.LIMIT_EXCEEDED,
      "SOLD_OUT", ErrorCode.SOLD_OUT);

  private final Redis redis;
  private final RedisKeys keys;
  private final long idempotencyTtlMs;
  private final boolean oneServer;

  /**
   * @param oneServer every key is on one Redis server (not a Redis Cluster), so one script may touch
   *                  the user's slot and the drop's slot together
   */
  public Reservations(Redis redis, RedisKeys keys, Duration idempotencyTtl, boolean oneServer) {
    this.redis = redis;
    this.keys = keys;
    this.idempotencyTtlMs = idempotencyTtl.toMillis();
    this.oneServer = oneServer;
  }

  /**
   * Claims the key for this request across drops and runs the drop's reservation script. The claim
   * ({@code SET NX GET} in the user's slot) is what turns a key reused for another drop into 422:
   * the drop's own record lives in the drop's slot and cannot see other drops. On one server the
   * script claims first itself, in the same round trip; on a Redis Cluster the two slots may be on
   * different nodes, so the claim is a command of its own before the script.
   */
  public Future<ReservationOutcome> reserve(Reservation r) {
    List<String> scriptKeys = new ArrayList<>(List.of(state(r.dropId()), item(r.dropId(), r.productId()), bought(r),
        idem(r), inFlight(r.dropId())));
    if (oneServer) {
      scriptKeys.add(claimKey(r.userId(), r.idempotencyKey()));
      return runReserve(r, scriptKeys);
    }
    return claim(r.userId(), r.idempotencyKey(), r.requestHash()).compose(claimed -> claimed
        ? runReserve(r, scriptKeys) : Future.succeededFuture(new KeyReused()));
  }

  /** True when the key is free or already claimed by the same request (hash). */
  public Future<Boolean> claim(String userId, String idempotencyKey, String requestHash) {
    return redis.send(Request.cmd(Command.SET).arg(claimKey(userId, idempotencyKey)).arg(requestHash)
            .arg("NX").arg("GET").arg("PX").arg(idempotencyTtlMs))
        .map(previous -> previous == null || previous.toString().equals(requestHash));
  }

  private Future<ReservationOutcome> runReserve(Reservation r, List<String> scriptKeys) {
    return RESERVE.run(redis, scriptKeys, r.requestHash(), r.quantity(), r.orderId(), idempotencyTtlMs,
        r.inFlightDetails()).map(reply -> outcome(reply, r));
  }

  /** Remembers the 201 answer of a reservation whose order is durable; false when it was not in flight. */
  public Future<Boolean> complete(Reservation r, JsonObject answer) {
    return runComplete(r, answer.encode(), null);
  }

  /**
   * {@link #complete} for an order just placed, whose answer is the order itself, and its buyer's
   * copy ({@link OrderCopies#remember}). On one server both are one script call and the order is
   * encoded once; on a Redis Cluster the copy lives in another slot, so it is a command of its own,
   * sent at once with the script.
   */
  public Future<Void> completeWithCopy(Reservation r, JsonObject order, OrderCopies copies) {
    String encoded = order.encode();
    return oneServer ? runComplete(r, encoded, copies.keyOf(r.orderId())).mapEmpty()
        : Future.all(runComplete(r, encoded, null), copies.remember(r.orderId(), encoded)).mapEmpty();
  }

  /** The completion script; with {@code copyKey} (one server only) it also writes the order's copy there. */
  private Future<Boolean> runComplete(Reservation r, String answer, String copyKey) {
    Future<Response> reply = copyKey == null
        ? COMPLETE.run(redis, List.of(idem(r), inFlight(r.dropId())), r.orderId(), r.requestHash(), answer,
            idempotencyTtlMs, r.inFlightEntry())
        : COMPLETE.run(redis, List.of(idem(r), inFlight(r.dropId()), copyKey), r.orderId(), r.requestHash(), answer,
            idempotencyTtlMs, r.inFlightEntry(), OrderCopies.TTL_SECONDS);
    return reply.map(done -> done.toInteger() == 1);
  }

  /** Gives the stock back and forgets the key; true only the first time for a reservation in flight. */
  public Future<Boolean> undo(Reservation r) {
    return UNDO.run(redis, List.of(item(r.dropId(), r.productId()), bought(r), idem(r), inFlight(r.dropId())),
        r.orderId(), r.requestHash(), r.quantity(), r.inFlightEntry()).map(reply -> reply.toInteger() == 1);
  }

  /**
   * Reservations of a drop still in flight after {@code lease}: their member died (or gave up)
   * between reserving and answering. The caller settles each with {@link #complete} when its order
   * reached Postgres, else with {@link #undo}.
   */
  public Future<List<Reservation>> orphans(String dropId, Duration lease, int limit) {
    return ORPHANS.run(redis, List.of(inFlight(dropId)), lease.toMillis(), limit).map(entries -> {
      List<Reservation> found = new ArrayList<>();
      entries.forEach(e -> found.add(Reservation.fromInFlightEntry(dropId, e.toString())));
      return found;
    });
  }

  /** Whether the drop's counters exist and were written in the current master's epoch (a stale state is kept for the rebuild). */
  public Future<Boolean> countersAreCurrent(String dropId) {
    return CURRENT.run(redis, List.of(state(dropId))).map(reply -> reply.toInteger() == 1);
  }

  /** Puts the units of a cancelled order back on sale (the caller decided, once, that it was cancelled). */
  public Future<Void> release(String dropId, String productId, String userId, int quantity) {
    return RELEASE.run(redis, List.of(item(dropId, productId), boughtKey(dropId, productId, userId)), quantity)
        .mapEmpty();
  }

  /** Creates the counters of an item unless they exist: seeding again never resets a live counter. */
  public Future<Void> seedItem(String dropId, String productId, int stock, int perUserLimit) {
    String item = item(dropId, productId);
    return redis.send(Request.cmd(Command.HSETNX).arg(item).arg("remaining").arg(stock))
        .compose(v -> redis.send(Request.cmd(Command.HSET).arg(item).arg("limit").arg(perUserLimit)))
        .mapEmpty();
  }

  /**
   * Records the drop's status for the hot path (the drops service keeps versions in order), in this
   * master's epoch; a state of an earlier epoch is left to the reconciler's rebuild instead.
   */
  public Future<Void> setStatus(String dropId, String status, long version) {
    return STATUS.run(redis, List.of(state(dropId)), status, version).mapEmpty();
  }

  /** Removes a drop's counters (its state, its items, what users hold, what is in flight) in one command. */
  public Future<Void> forgetCounters(String dropId, List<String> productIds, List<String> userIds) {
    Request unlink = Request.cmd(Command.UNLINK).arg(state(dropId)).arg(inFlight(dropId));
    for (String productId : productIds) {
      unlink.arg(item(dropId, productId));
      userIds.forEach(userId -> unlink.arg(boughtKey(dropId, productId, userId)));
    }
    return redis.send(unlink).mapEmpty();
  }

  public Future<Integer> remaining(String dropId, String productId) {
    return redis.send(Request.cmd(Command.HGET).arg(item(dropId, productId)).arg("remaining"))
        .map(r -> r == null ? null : r.toInteger());
  }

  public Future<Integer> bought(String dropId, String productId, String userId) {
    return redis.send(Request.cmd(Command.GET).arg(boughtKey(dropId, productId, userId)))
        .map(r -> r == null ? 0 : r.toInteger());
  }

  private ReservationOutcome outcome(Response reply, Reservation r) {
    String kind = reply.get(0).toString();
    return switch (kind) {
      case "RESERVED" -> new Reserved(Integer.parseInt(reply.get(1).toString()));
      case "REPLAY" -> replay(reply.get(1).toString(), r);
      case "NOT_READY" -> new NotReady();
      case "KEY_REUSED" -> new KeyReused();
      case "NO_ITEM" -> new NoSuchItem();
      default -> new Refused(REFUSALS.getOrDefault(kind, ErrorCode.INTERNAL));
    };
  }

  /** Records are {@code IN_FLIGHT|hash|orderId}, {@code DONE|hash|CREATED|answer} or {@code DONE|hash|REFUSAL}. */
  private static ReservationOutcome replay(String record, Reservation r) {
    String[] parts = record.split("\\|", 4);
    if (!parts[1].equals(r.requestHash())) {
      return new KeyReused();
    }
    if (parts[0].equals("IN_FLIGHT")) {
      return new InFlight();
    }
    return parts[2].equals("CREATED") ? new Replayed(new JsonObject(parts[3]))
        : new Refused(REFUSALS.getOrDefault(parts[2], ErrorCode.INTERNAL));
  }

  private String claimKey(String userId, String idempotencyKey) {
    return keys.userKey(userId, "idem", idempotencyKey);
  }

  private String inFlight(String dropId) {
    return keys.dropKey(dropId, "inflight");
  }

  private String state(String dropId) {
    return keys.dropKey(dropId, "state");
  }

  private String item(String dropId, String productId) {
    return keys.dropKey(dropId, "item", productId);
  }

  private String bought(Reservation r) {
    return boughtKey(r.dropId(), r.productId(), r.userId());
  }

  private String boughtKey(String dropId, String productId, String userId) {
    return keys.dropKey(dropId, "bought", productId, userId);
  }

  private String idem(Reservation r) {
    return keys.dropKey(r.dropId(), "idem", r.userId(), r.idempotencyKey());
  }
}
