package io.stampede.drops.store;

import java.time.Instant;

import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.vertx.core.json.JsonObject;

/** A drop as stored: its public {@code Drop} (without live {@code remaining}) and its version. */
public record DropRecord(JsonObject drop, long version) {

  public String id() {
    return drop.getString("id");
  }

  public String creatorId() {
    return drop.getString("creatorId");
  }

  public String status() {
    return drop.getString("status");
  }

  /** The state the order service keeps in step with (gRPC {@code DropStateSync}). */
  public DropState toState() {
    DropState.Builder state = DropState.newBuilder().setDropId(id())
        .setStatus(DropStatus.valueOf("DROP_STATUS_" + status()))
        .setStartsAtEpochMillis(Instant.parse(drop.getString("startsAt")).toEpochMilli())
        .setVersion(version);
    String endsAt = drop.getString("endsAt");
    if (endsAt != null) {
      state.setEndsAtEpochMillis(Instant.parse(endsAt).toEpochMilli());
    }
    drop.getJsonArray("items").forEach(i -> {
      JsonObject item = (JsonObject) i;
      state.addItems(DropItemState.newBuilder().setProductId(item.getString("productId"))
          .setStock(item.getInteger("stock")).setPerUserLimit(item.getInteger("perUserLimit"))
          .setPriceCents(item.getLong("priceCents")).setCurrency(item.getString("currency")));
    });
    return state.build();
  }
}
