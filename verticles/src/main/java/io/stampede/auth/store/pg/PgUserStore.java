package io.stampede.auth.store.pg;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.stampede.auth.store.UserStore;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** Accounts in the {@code users} table. */
public final class PgUserStore implements UserStore {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = "id, username, password_hash, display_name, bio, role, created_at";
  private static final String INSERT = "INSERT INTO users (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";

  private final Pool pool;

  public PgUserStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Account> create(Account a) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(a.id(), a.username(), a.passwordHash(), a.displayName(), a.bio(), a.role(),
            OffsetDateTime.ofInstant(a.createdAt(), ZoneOffset.UTC)))
        .map(a)
        .recover(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new StampedeException(ErrorCode.USERNAME_TAKEN, "that username is taken"))
            : Future.failedFuture(e));
  }

  @Override
  public Future<Optional<Account>> byUsername(String username) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE username = $1").execute(Tuple.of(username))
        .map(PgUserStore::first);
  }

  @Override
  public Future<Optional<Account>> byId(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1").execute(Tuple.of(id))
        .map(PgUserStore::first);
  }

  private static Optional<Account> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Account(r.getString("id"), r.getString("username"), r.getString("password_hash"),
        r.getString("display_name"), r.getString("bio"), r.getString("role"),
        r.getOffsetDateTime("created_at").toInstant()));
  }
}
