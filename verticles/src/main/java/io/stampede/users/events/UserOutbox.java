package io.stampede.users.events;

import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventEnvelope;
import io.stampede.contracts.events.EventType;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Writes an event into {@code user_outbox} inside the caller's transaction; {@link OutboxRelayVerticle} sends it. */
public final class UserOutbox {

  private static final String INSERT = "INSERT INTO user_outbox (topic, event_key, envelope) VALUES ($1, $2, $3)";

  private UserOutbox() {
  }

  public static <T> Future<Void> add(SqlConnection tx, EventType<T> type, T payload) {
    EventEnvelope envelope = type.wrap(payload);
    return tx.preparedQuery(INSERT).execute(Tuple.of(type.topic(), envelope.key(), EventCodec.encode(envelope)))
        .mapEmpty();
  }
}
