package io.stampede.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The drop-time burst. Fans arrive during the first half of the lead time, sign in (retrying 503
 * and 429 after {@code Retry-After}, as an app does: {@link Retrying}), open a
 * WebSocket and subscribe to the drop; when {@code drop.live} arrives, all order at once with their own idempotency key, retrying
 * 503 and 429 with the same key after {@code Retry-After}; each 201 is followed until
 * {@code CONFIRMED}, and each fan lists its orders (retrying 503/429 the same way). Then an auditor checks through the API that units sold = stock = 201 orders,
 * and that no fan holds more than the limit. The run fails on any audit failure or when more than
 * {@code maxErrorPercent} of requests failed.
 *
 * <p>{@code -Dsockets} (default: every fan) caps the fans that hold a WebSocket; the others watch the
 * app's countdown and order when it ends (the drop's start time, plus the scheduler's tick). One
 * machine's open-file limit (20,000 here, shared by Gatling's sockets) sets that cap for large runs.
 *
 * <p>{@code -Dfans=1000 -Dstock=250 -DleadSeconds=20 -Dsockets=1000 -DmaxErrorPercent=1 -Dhttp2=false
 * -DbaseUrl=http://127.0.0.1:8080 -DtlsUrl=https://127.0.0.1:8443}
 */
public class DropBurstSimulation extends Simulation {

  private static final int FANS = Setup.intProperty("fans", 1000);
  private static final int STOCK = Setup.intProperty("stock", 250);
  private static final int LEAD_SECONDS = Setup.intProperty("leadSeconds", 20);
  private static final int SOCKETS = Setup.intProperty("sockets", FANS);
  /**
   * HTTP/2 over TLS ({@code -DtlsUrl}): the fans' requests share multiplexed connections instead of
   * one connection per fan in flight, as a mobile carrier's or a CDN's pooled upstream would.
   */
  private static final boolean HTTP2 = Boolean.getBoolean("http2");
  /** A fan without a socket orders this long after the start time (the scheduler ticks every 200 ms). */
  private static final Duration COUNTDOWN_SLACK = Duration.ofMillis(1500);
  private static final double MAX_ERROR_PERCENT = Double.parseDouble(System.getProperty("maxErrorPercent", "1"));

  /** Order id → buyer, for every 201 any fan received. */
  private static final Map<String, String> ORDERS = new ConcurrentHashMap<>();
  private static final Set<String> CONFIRMED = ConcurrentHashMap.newKeySet();
  /** Every answer to {@code POST /orders}, by status (0: no answer), for the summary printed after the run. */
  private static final Map<Integer, AtomicInteger> ORDER_ANSWERS = new ConcurrentSkipListMap<>();
  /** Fans whose own order list showed more than the per-user limit (1) of this drop. */
  private static final AtomicInteger OVER_LIMIT = new AtomicInteger();

  private final Map<String, String> creator = Setup.signUp("gatling_maker", "creator");
  private final String productId = Setup.createProduct(creator, "Gatling tee", 2500);
  private final Instant startsAt = Instant.now().plusSeconds(LEAD_SECONDS);
  private final String dropId = Setup.scheduleDrop(creator, productId, startsAt, STOCK, 1);

  private final HttpProtocolBuilder protocol = protocol(HTTP2 ? Setup.TLS_URL : Setup.BASE_URL);

  private final ChainBuilder signIn = exec(session -> session.set("dropId", dropId).set("productId", productId)
      .set("username", "fan" + session.userId() + "_" + Setup.RUN))
      // 409 after a retry: the first try did sign up, but its answer came too late.
      .exec(Retrying.untilAnswered(statusCheck -> http("register").post("/auth/register").body(StringBody(
          "{\"username\":\"#{username}\",\"password\":\"" + Setup.PASSWORD + "\",\"displayName\":\"Fan\",\"role\":\"fan\"}"))
          .check(statusCheck), 201, 409)).exitHereIfFailed()
      .exec(Retrying.untilAnswered(statusCheck -> http("login").post("/auth/login").body(StringBody(
          "{\"username\":\"#{username}\",\"password\":\"" + Setup.PASSWORD + "\"}"))
          .check(statusCheck)
          .checkIf((response, session) -> response.status().code() == 200)
          .then(jmesPath("accessToken").saveAs("token"), jmesPath("userId").saveAs("userId")), 200));

  private final ChainBuilder waitForLive = exec(ws("open socket").connect("/ws?access_token=#{token}"))
      .exec(ws("subscribe").sendText("{\"type\":\"subscribe\",\"topic\":\"drop:#{dropId}\"}")
          .await(Duration.ofSeconds(30)).on(ws.checkTextMessage("subscribed")
              .matching(regex("\"subscribed\"")).check(regex("\"subscribed\""))))
      .exec(ws("wait for drop.live").sendText("{\"type\":\"ping\"}")
          .await(Duration.ofSeconds(LEAD_SECONDS + 60)).on(ws.checkTextMessage("drop.live")
              .matching(regex("\"drop\\.live\"")).check(regex("\"drop\\.live\""))));

  private final ChainBuilder waitForCountdown = pause(session -> {
    Duration left = Duration.between(Instant.now(), startsAt.plus(COUNTDOWN_SLACK));
    return left.isNegative() ? Duration.ZERO : left;
  });

  private final ChainBuilder order = exec(session -> session.set("attempt", 0).set("again", true))
      .asLongAs(session -> session.getBoolean("again")).on(
          exec(session -> session.remove("status"))
          .exec(http("order").post("/orders")
              .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "burst-#{userId}")
              .body(StringBody("{\"dropId\":\"#{dropId}\",\"productId\":\"#{productId}\",\"quantity\":1}"))
              .check(status().in(201, 409, 429, 503).saveAs("status"),
                  header("Retry-After").optional().saveAs("retryAfter"),
                  jmesPath("id").optional().saveAs("orderId")))
              .exec(session -> {
                int status = session.contains("status") ? session.getInt("status") : 0;
                ORDER_ANSWERS.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                int attempt = session.getInt("attempt") + 1;
                // 0: no answer at all (a connection failure), retried like a 503 with the same key.
                boolean again = (status == 503 || status == 429 || status == 0) && attempt < Retrying.MAX_ATTEMPTS;
                if (status == 201) {
                  ORDERS.put(session.getString("orderId"), session.getString("userId"));
                }
                return session.set("attempt", attempt).set("again", again);
              })
              .doIf(session -> session.getBoolean("again")).then(pause(session -> Duration.ofSeconds(
                  session.contains("retryAfter") ? Long.parseLong(session.getString("retryAfter")) : 1))));

  private final ChainBuilder confirm = doIfBought(
      exec(session -> session.set("orderStatus", "PENDING").set("polls", 0))
          .asLongAs(session -> !"CONFIRMED".equals(session.getString("orderStatus")) && session.getInt("polls") < 100).on(
              exec(session -> session.remove("retryAfter"))
                  .exec(http("order status").get("/orders/#{orderId}").header("Authorization", "Bearer #{token}")
                      .check(status().in(200, 429, 503),
                          header("Retry-After").optional().saveAs("retryAfter"),
                          jmesPath("status").optional().saveAs("orderStatus")))
                  .exec(session -> session.set("polls", session.getInt("polls") + 1))
                  .pause(session -> session.contains("retryAfter")
                      ? Duration.ofSeconds(Long.parseLong(session.getString("retryAfter"))) : Duration.ofMillis(200)))
          .exec(session -> {
            if ("CONFIRMED".equals(session.getString("orderStatus"))) {
              CONFIRMED.add(session.getString("orderId"));
            }
            return session;
          }))
      .exec(Retrying.untilAnswered(statusCheck -> http("my orders").get("/orders?limit=100")
          .header("Authorization", "Bearer #{token}")
          .check(statusCheck)
          .checkIf((response, session) -> response.status().code() == 200)
          .then(jmesPath("length(items[?dropId=='" + dropId + "'] || `[]`)").ofInt().saveAs("mine")), 200))
      .exec(session -> {
        if (session.contains("mine") && session.getInt("mine") > 1) {
          OVER_LIMIT.incrementAndGet();
        }
        return session;
      });

  private static HttpProtocolBuilder protocol(String baseUrl) {
    HttpProtocolBuilder shared = http.baseUrl(baseUrl)
        .wsBaseUrl(baseUrl.replaceFirst("^http", "ws"))
        .contentTypeHeader("application/json").acceptHeader("application/json")
        .shareConnections();
    return HTTP2 ? shared.enableHttp2() : shared;
  }

  private static ChainBuilder doIfBought(ChainBuilder then) {
    return doIf(session -> session.contains("orderId") && session.contains("status") && session.getInt("status") == 201)
        .then(then);
  }

  private final ScenarioBuilder fans = scenario("fans")
      .exec(signIn).exitHereIfFailed()
      .doIfOrElse(session -> session.userId() <= SOCKETS).then(
          exec(waitForLive).exitHereIfFailed().exec(order).exec(ws("close").close()))
      .orElse(exec(waitForCountdown).exec(order))
      .exec(confirm);

  private final ScenarioBuilder audit = scenario("audit")
      .exec(http("audit: units sold = stock = 201 orders").get("/drops/" + dropId)
          .check(status().is(200),
              jmesPath("items[0].remaining").ofInt().is(session -> Math.max(0, STOCK - ORDERS.size())),
              jmesPath("items[0].remaining").ofInt().is(session -> STOCK - Math.min(STOCK, FANS))))
      .exec(http("audit: every order confirmed").get("/drops/" + dropId)
          .check(status().is(200), jmesPath("id").transform(id -> CONFIRMED.size()).is(session -> ORDERS.size())))
      .exec(http("audit: nobody above the limit").get("/drops/" + dropId)
          .check(status().is(200), jmesPath("id").transform(id -> OVER_LIMIT.get()).is(0)));

  /** When the drop started and how the orders were answered: read with the orders' own times in Postgres. */
  @Override
  public void after() {
    System.out.println("drop " + dropId + " started at " + startsAt + "; POST /orders answers by status (0: none): "
        + ORDER_ANSWERS + "; distinct 201 orders: " + ORDERS.size() + ", seen CONFIRMED: " + CONFIRMED.size());
  }

  {
    // Fans arrive over the first half of the lead time (open model), as people open the app before
    // a drop; the burst itself is all of them ordering the moment drop.live reaches their socket.
    setUp(fans.injectOpen(rampUsers(FANS).during(Duration.ofSeconds(Math.max(1, LEAD_SECONDS / 2))))
            .andThen(audit.injectOpen(atOnceUsers(1))))
        .protocols(protocol)
        .assertions(
            details("audit: units sold = stock = 201 orders").failedRequests().count().is(0L),
            details("audit: every order confirmed").failedRequests().count().is(0L),
            details("audit: nobody above the limit").failedRequests().count().is(0L),
            global().failedRequests().percent().lt(MAX_ERROR_PERCENT));
  }
}
