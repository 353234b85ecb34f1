package io.stampede.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Browsing before a drop: the upcoming list and a drop's page (public), its creator's page (signed in). Open
 * model: {@code -Drate=200} new visitors a second (ramped up from 10 over {@code -Dramp=10} s) for
 * {@code -Dduration=30} s; fails above {@code -DmaxErrorPercent=1}.
 */
public class BrowseSimulation extends Simulation {

  private static final int RATE = Setup.intProperty("rate", 200);
  private static final int RAMP = Setup.intProperty("ramp", 10);
  private static final int DURATION = Setup.intProperty("duration", 30);
  private static final double MAX_ERROR_PERCENT = Double.parseDouble(System.getProperty("maxErrorPercent", "1"));

  private final Map<String, String> creator = Setup.signUp("gatling_browse_maker", "creator");

  {
    String productId = Setup.createProduct(creator, "Browse hoodie", 6000);
    for (int i = 1; i <= 5; i++) {
      Setup.scheduleDrop(creator, productId, Instant.now().plus(Duration.ofHours(i)), 100, 2);
    }
  }

  /** Creator pages need a signed-in caller (API.md): visitors take turns with these fans' tokens. */
  private final List<Map<String, Object>> visitorsTokens = IntStream.range(0, 50)
      .mapToObj(i -> Map.<String, Object>of("token", Setup.signUp("browser" + i, "fan").get("accessToken")))
      .toList();

  private final HttpProtocolBuilder protocol = http.baseUrl(Setup.BASE_URL).acceptHeader("application/json");

  private final ScenarioBuilder visitors = scenario("visitors")
      .feed(listFeeder(visitorsTokens).circular())
      .exec(http("upcoming drops").get("/drops/upcoming?limit=20")
          .check(status().is(200), jmesPath("items[0].id").saveAs("dropId"), jmesPath("items[0].creatorId").saveAs("creatorId")))
      .pause(Duration.ofMillis(100))
      .exec(http("drop page").get("/drops/#{dropId}").check(status().is(200), jmesPath("items[0].remaining").exists()))
      .pause(Duration.ofMillis(100))
      .exec(http("creator page").get("/creators/#{creatorId}").header("Authorization", "Bearer #{token}")
          .check(status().is(200)));

  {
    setUp(visitors.injectOpen(rampUsersPerSec(10).to(RATE).during(RAMP),
            constantUsersPerSec(RATE).during(DURATION)))
        .protocols(protocol)
        .assertions(global().failedRequests().percent().lt(MAX_ERROR_PERCENT));
  }
}
