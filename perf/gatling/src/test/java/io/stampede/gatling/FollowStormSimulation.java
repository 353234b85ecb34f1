package io.stampede.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Map;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * A creator announces a drop and {@code -Dfans=500} fans (arriving over {@code -Dramp=10} s) follow,
 * unfollow and follow again {@code -Drounds=3} times, all at once. The audit then checks that the
 * creator's follower count is exactly the number of fans (idempotent follow, counts that match the
 * graph under a storm).
 */
public class FollowStormSimulation extends Simulation {

  private static final int FANS = Setup.intProperty("fans", 500);
  private static final int RAMP = Setup.intProperty("ramp", 10);
  private static final int ROUNDS = Setup.intProperty("rounds", 3);
  private static final double MAX_ERROR_PERCENT = Double.parseDouble(System.getProperty("maxErrorPercent", "1"));

  private final Map<String, String> star = Setup.signUp("gatling_star", "creator");
  private final String starId = star.get("userId");

  private final HttpProtocolBuilder protocol = http.baseUrl(Setup.BASE_URL)
      .contentTypeHeader("application/json").acceptHeader("application/json").shareConnections();

  private final ScenarioBuilder fans = scenario("fans")
      .exec(session -> session.set("username", "follower" + session.userId() + "_" + Setup.RUN))
      .exec(http("register").post("/auth/register").body(StringBody(
          "{\"username\":\"#{username}\",\"password\":\"" + Setup.PASSWORD + "\",\"displayName\":\"Fan\",\"role\":\"fan\"}"))
          .check(status().is(201)))
      .exec(http("login").post("/auth/login").body(StringBody(
          "{\"username\":\"#{username}\",\"password\":\"" + Setup.PASSWORD + "\"}"))
          .check(status().is(200), jmesPath("accessToken").saveAs("token")))
      .exec(repeat(ROUNDS).on(
          http("follow").post("/users/" + starId + "/follow").header("Authorization", "Bearer #{token}")
              .body(StringBody("{}")).check(status().is(204)),
          http("unfollow").delete("/users/" + starId + "/follow").header("Authorization", "Bearer #{token}")
              .check(status().is(204))))
      .exec(http("follow").post("/users/" + starId + "/follow").header("Authorization", "Bearer #{token}")
          .body(StringBody("{}")).check(status().is(204)));

  private final ScenarioBuilder audit = scenario("audit")
      .pause(Duration.ofMillis(500))
      .exec(http("audit: followers = fans").get("/users/" + starId).header("Authorization", "Bearer " + star.get("accessToken"))
          .check(status().is(200), jmesPath("followers").ofInt().is(FANS)));

  {
    setUp(fans.injectOpen(rampUsers(FANS).during(RAMP)).andThen(audit.injectOpen(atOnceUsers(1))))
        .protocols(protocol)
        .assertions(details("audit: followers = fans").failedRequests().count().is(0L),
            global().failedRequests().percent().lt(MAX_ERROR_PERCENT));
  }
}
