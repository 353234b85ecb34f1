package io.stampede.orders.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.Ids;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.OrderPlaced;
import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.grpc.DropItemState;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.reservation.Reservation;
import io.stampede.orders.reservation.ReservationOutcome;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.stampede.platform.api.Pages;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * {@code POST /orders} and {@code GET /orders/{id}}. Placing an order never touches Postgres: one
 * reservation script in Redis decides, the order goes to Kafka ({@code order_events}, keyed by
 * drop, acks=all), and only then is the buyer answered 201 PENDING. If Kafka refuses the record the
 * reservation is undone and the buyer gets 503 — stock is never lost to a failed request.
 */
public class OrdersApiVerticle extends VerticleBase {

  private static final int PENDING_TTL_SECONDS = 3600;

  private final DropCatalog catalog;
  private final Reservations reservations;
  private final OrderStore orders;
  private final Redis redis;
  private final RedisKeys keys;
  private final String kafkaBootstrap;
  private final OrderMetrics metrics;
  private SoldOutWatch soldOutWatch;
  private KafkaProducer<String, Buffer> producer;

  public OrdersApiVerticle(DropCatalog catalog, Reservations reservations, OrderStore orders, Redis redis, RedisKeys keys,
                           String kafkaBootstrap, MeterRegistry meters) {
    this.catalog = catalog;
    this.reservations = reservations;
    this.orders = orders;
    this.redis = redis;
    this.keys = keys;
    this.kafkaBootstrap = kafkaBootstrap;
    this.metrics = new OrderMetrics(meters);
  }

  @Override
  public Future<?> start() {
    producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(kafkaBootstrap, "orders-api-" + deploymentID()));
    soldOutWatch = new SoldOutWatch(vertx, catalog, reservations);
    return Future.all(List.of(
        ApiConsumers.register(vertx, Addresses.ORDERS_PLACE, this::place),
        ApiConsumers.register(vertx, Addresses.ORDERS_GET, this::get),
        ApiConsumers.register(vertx, Addresses.ORDERS_STOCK_GET, this::stock),
        ApiConsumers.register(vertx, Addresses.ORDERS_CANCEL, this::cancel),
        ApiConsumers.register(vertx, Addresses.ORDERS_LIST, this::list)));
  }

  @Override
  public Future<?> stop() {
    return producer.close();
  }

  private Future<ApiReply> place(ApiRequest request) {
    Caller caller = signedIn(request);
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
            ? Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such drop or product"))
            : reservations.reserve(reservation).compose(outcome -> answer(outcome, reservation, item.get())))
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
    JsonObject order = OrderJson.pending(placed);
    KafkaProducerRecord<String, Buffer> record = KafkaProducerRecord.create(Events.ORDER_PLACED.topic(), r.dropId(),
        EventCodec.encode(Events.ORDER_PLACED.wrap(placed)));
    return producer.send(record)
        .recover(kafkaDown -> reservations.undo(r).transform(undone -> fail(ErrorCode.UNAVAILABLE,
            "orders cannot be recorded right now; nothing was reserved, retry shortly")))
        .compose(sent -> reservations.complete(r, order))
        .compose(done -> redis.send(Request.cmd(Command.SET).arg(keys.key("order", r.orderId())).arg(order.encode())
            .arg("EX").arg(PENDING_TTL_SECONDS)))
        .map(ok -> ApiReply.created(order));
  }

  /** After the Redis record is gone (drop ended, counters rebuilt), Postgres still knows the first answer. */
  private Future<ApiReply> durableReplayOr(Reservation r, ErrorCode code, String detail) {
    return orders.byIdempotencyKey(r.userId(), r.idempotencyKey()).compose(found -> found
        .filter(o -> o.getString("dropId").equals(r.dropId()) && o.getString("productId").equals(r.productId())
            && o.getInteger("quantity") == r.quantity())
        .map(o -> Future.succeededFuture(ApiReply.created(o)))
        .orElseGet(() -> found.isPresent() ? fail(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "this Idempotency-Key was used with a different request") : fail(code, detail)));
  }

  private Future<ApiReply> get(ApiRequest request) {
    Caller caller = signedIn(request);
    String orderId = request.param("id");
    return orders.byId(orderId)
        .compose(durable -> durable.isPresent() ? Future.succeededFuture(durable) : pending(orderId))
        .compose(order -> order.filter(o -> caller.userId().equals(o.getString("userId")))
            .map(o -> Future.succeededFuture(ApiReply.ok(o)))
            .orElseGet(() -> fail(ErrorCode.NOT_FOUND, "no such order")));
  }

  /** The caller's durable orders, newest first (an order shows here once it is CONFIRMED). */
  private Future<ApiReply> list(ApiRequest request) {
    Caller caller = signedIn(request);
    int limit = Pages.limit(request.query());
    return orders.byUser(caller.userId(), Pages.cursor(request.query()), limit).map(items -> {
      JsonObject last = items.isEmpty() ? null : items.get(items.size() - 1);
      return ApiReply.ok(Pages.page(items, limit,
          last == null ? null : new JsonArray().add(last.getString("createdAt")).add(last.getString("id"))));
    });
  }

  /**
   * The buyer cancels while the drop is live. Postgres decides once (a guarded update), so a retried
   * or raced cancel answers CANCELLED again but returns the stock only the first time.
   */
  private Future<ApiReply> cancel(ApiRequest request) {
    Caller caller = signedIn(request);
    String orderId = request.param("id");
    return orders.byId(orderId).compose(found -> {
      if (found.isEmpty() || !caller.userId().equals(found.get().getString("userId"))) {
        return pending(orderId).compose(p -> p.filter(o -> caller.userId().equals(o.getString("userId"))).isPresent()
            ? fail(ErrorCode.CONFLICT, "the order is still being confirmed; retry in a moment")
            : fail(ErrorCode.NOT_FOUND, "no such order"));
      }
      JsonObject order = found.get();
      if ("CANCELLED".equals(order.getString("status"))) {
        return Future.succeededFuture(ApiReply.ok(order));
      }
      return catalog.state(order.getString("dropId")).compose(state -> state.isPresent()
              && state.get().getStatus() == io.stampede.contracts.grpc.DropStatus.DROP_STATUS_LIVE
          ? cancelLive(order, caller)
          : fail(ErrorCode.DROP_NOT_LIVE, "orders can be cancelled only while the drop is live"));
    });
  }

  private Future<ApiReply> cancelLive(JsonObject order, Caller caller) {
    return orders.cancel(order.getString("id"), caller.userId()).compose(cancelled -> {
      if (cancelled.isEmpty()) {
        return orders.byId(order.getString("id")).map(now -> ApiReply.ok(now.orElse(order)));
      }
      JsonObject done = cancelled.get();
      OrderUpdated updated = new OrderUpdated(done.getString("id"), done.getString("userId"), done.getString("dropId"),
          done.getString("productId"), done.getInteger("quantity"), "CANCELLED", Instant.now());
      return reservations.release(done.getString("dropId"), done.getString("productId"), done.getString("userId"),
              done.getInteger("quantity"))
          .compose(v -> producer.send(KafkaProducerRecord.create(Events.ORDER_UPDATED.topic(), done.getString("dropId"),
              EventCodec.encode(Events.ORDER_UPDATED.wrap(updated)))))
          .map(ApiReply.ok(done));
    });
  }

  /** {@code {items: {<dropId>: [<productId>, ...]}}} → {@code {<dropId>: {<productId>: remaining}}}. */
  private Future<ApiReply> stock(ApiRequest request) {
    JsonObject wanted = request.body().getJsonObject("items", new JsonObject());
    List<Future<JsonObject>> drops = wanted.fieldNames().stream().map(dropId -> {
      List<String> products = wanted.getJsonArray(dropId).stream().map(String::valueOf).toList();
      List<Future<Integer>> counts = products.stream().map(p -> reservations.remaining(dropId, p)).toList();
      return Future.all(counts).map(all -> {
        JsonObject byProduct = new JsonObject();
        for (int i = 0; i < products.size(); i++) {
          byProduct.put(products.get(i), counts.get(i).result());
        }
        return new JsonObject().put(dropId, byProduct);
      });
    }).toList();
    return Future.all(drops).map(all -> {
      JsonObject result = new JsonObject();
      drops.forEach(d -> result.mergeIn(d.result()));
      return ApiReply.ok(result);
    });
  }

  private Future<Optional<JsonObject>> pending(String orderId) {
    return redis.send(Request.cmd(Command.GET).arg(keys.key("order", orderId)))
        .map(r -> r == null ? Optional.<JsonObject>empty() : Optional.of(new JsonObject(r.toString())));
  }

  private static Caller signedIn(ApiRequest request) {
    if (request.caller() == null) {
      throw new StampedeException(ErrorCode.UNAUTHORIZED, "sign in first");
    }
    return request.caller();
  }

  private static <T> Future<T> fail(ErrorCode code, String detail) {
    return Future.failedFuture(new StampedeException(code, detail));
  }

  static String requestHash(String dropId, String productId, int quantity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((dropId + '\n' + productId + '\n' + quantity).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
