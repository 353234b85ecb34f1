package io.stampede.orders.api;

import static io.stampede.orders.api.Replies.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.Ids;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.OrderPlaced;
import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.grpc.DropItemState;
import io.stampede.orders.api.OrderMetrics.Step;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.reservation.Reservation;
import io.stampede.orders.reservation.ReservationOutcome;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.api.Inputs;
import io.stampede.platform.events.EventRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * {@code POST /orders}, the hot path. It never touches Postgres: one reservation script in Redis
 * decides, the order goes to Kafka ({@code order_events}, keyed by drop, acks=all), and only then is
 * the buyer answered 201 PENDING. If Kafka refuses the record the reservation is undone and the
 * buyer gets 503 — stock is never lost to a failed request.
 *
 * <p>Each order API verticle has one; a rehearsal ({@code io.stampede.orders.rehearsal}) builds its
 * own on a sandbox drop, with a log and meters of its own.
 */
public final class OrderPlacement {

  private final DropCatalog catalog;
  private final Reservations reservations;
  private final OrderStore orders;
  private final OrderCopies copies;
  private final OrderLog log;
  private final SoldOutWatch soldOutWatch;
  private final OrderMetrics metrics;

  public OrderPlacement(Vertx vertx, DropCatalog catalog, Reservations reservations, OrderStore orders,
                        OrderCopies copies, OrderLog log, MeterRegistry meters) {
    this.catalog = catalog;
    this.reservations = reservations;
    this.orders = orders;
    this.copies = copies;
    this.log = log;
    this.soldOutWatch = new SoldOutWatch(vertx, catalog, reservations);
    this.metrics = new OrderMetrics(meters);
  }

  public Future<ApiReply> place(ApiRequest request) {
    Caller caller = Replies.signedIn(request);
    String key = request.headers().getString("idempotency-key");
    if (key == null || key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
      throw Inputs.invalid("the Idempotency-Key header is required: 1 to 255 printable ASCII characters");
    }
    String dropId = Inputs.string(request.body(), "dropId", 1, 64);
    String productId = Inputs.string(request.body(), "productId", 1, 64);
    if (!(request.body().getValue("quantity") instanceof Integer quantity) || quantity < 1) {
      throw Inputs.invalid("quantity must be an integer of at least 1");
    }
    Reservation reservation = new Reservation(Ids.newId(), caller.userId(), dropId, productId, quantity, key,
        requestHash(dropId, productId, quantity));
    return catalog.item(dropId, productId).compose(item -> item.isEmpty()
            ? fail(ErrorCode.NOT_FOUND, "no such drop or product")
            : metrics.timed(Step.RESERVE, () -> reservations.reserve(reservation))
                .compose(outcome -> answer(outcome, reservation, item.get())))
        .onComplete(metrics::record);
  }

  private Future<ApiReply> answer(ReservationOutcome outcome, Reservation r, DropItemState item) {
    if (outcome instanceof ReservationOutcome.Reserved reserved) {
      if (reserved.remaining() == 0) {
        soldOutWatch.itemEmptied(r.dropId());
      }
      return makeDurable(r, item);
    }
    if (outcome instanceof ReservationOutcome.Replayed replayed) {
      return Future.succeededFuture(ApiReply.created(replayed.answer()));
    }
    if (outcome instanceof ReservationOutcome.Refused refused) {
      return switch (refused.code()) {
        case DROP_NOT_LIVE -> durableReplayOr(r, ErrorCode.DROP_NOT_LIVE, "the drop is not live");
        case SOLD_OUT -> fail(ErrorCode.SOLD_OUT, "not enough stock left");
        default -> fail(refused.code(), "this would pass the per-user limit of " + item.getPerUserLimit());
      };
    }
    if (outcome instanceof ReservationOutcome.InFlight) {
      return fail(ErrorCode.IDEMPOTENCY_IN_FLIGHT, "the first request with this Idempotency-Key is still being processed");
    }
    if (outcome instanceof ReservationOutcome.KeyReused) {
      return fail(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used with a different request");
    }
    if (outcome instanceof ReservationOutcome.NotReady) {
      return durableReplayOr(r, ErrorCode.UNAVAILABLE, "the drop's stock is being prepared; retry shortly");
    }
    return fail(ErrorCode.NOT_FOUND, "no such drop or product");
  }

  /** Kafka first (the order is safe once the broker has it on every in-sync replica), then the answer. */
  private Future<ApiReply> makeDurable(Reservation r, DropItemState item) {
    OrderPlaced placed = new OrderPlaced(r.orderId(), r.userId(), r.dropId(), r.productId(), r.quantity(),
        item.getPriceCents() * r.quantity(), item.getCurrency(), r.idempotencyKey(), r.requestHash(), Instant.now());
    JsonObject order = OrderUpdated.pending(placed).toOrder();
    KafkaProducerRecord<String, Buffer> record = EventRecords.of(Events.ORDER_PLACED, r.dropId(), placed);
    return metrics.timed(Step.KAFKA, () -> log.append(record))
        .recover(kafkaDown -> reservations.undo(r).transform(undone -> fail(ErrorCode.UNAVAILABLE,
            "orders cannot be recorded right now; nothing was reserved, retry shortly")))
        // The replay answer and the buyer's copy (the order readable before Postgres has it).
        .compose(sent -> metrics.timed(Step.COMPLETE, () -> reservations.completeWithCopy(r, order, copies)))
        .map(ok -> ApiReply.created(order));
  }

  /** After the Redis record is gone (drop ended, counters rebuilt), Postgres still knows the first answer. */
  private Future<ApiReply> durableReplayOr(Reservation r, ErrorCode code, String detail) {
    return orders.byIdempotencyKey(r.userId(), r.idempotencyKey(), r.dropId()).compose(found -> found
        .filter(o -> o.getString("dropId").equals(r.dropId()) && o.getString("productId").equals(r.productId())
            && o.getInteger("quantity") == r.quantity())
        .map(o -> Future.succeededFuture(ApiReply.created(o)))
        .orElseGet(() -> found.isPresent() ? fail(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "this Idempotency-Key was used with a different request") : fail(code, detail)));
  }

  static String requestHash(String dropId, String productId, int quantity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((dropId + '\n' + productId + '\n' + quantity).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
