package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The edge across members: revocation reaches every gateway; breakers open and close. */
class EdgeClusterIT {

  @Test
  void logoutOnOneGatewayIsSeenByAnotherWithinOneSecond() {
    Node a = Members.start("gateway,auth,users,creators,drops,orders,notifications");
    Node b = Members.join(a, "gateway");
    Vertx vertx = Vertx.vertx();
    try {
      ApiClient viaA = new ApiClient(vertx, a);
      ApiClient viaB = new ApiClient(vertx, b);
      String token = viaA.signUp(ApiClient.unique("rev"), "fan").getString("accessToken");
      // A signed-in call with a body that is not JSON passes authentication and stops at the body: 400.
      Buffer notJson = Buffer.buffer("not json");
      assertThat(viaB.postRaw("/auth/logout", "application/json", notJson, token).statusCode()).isEqualTo(400);

      assertThat(viaA.post("/auth/logout", new JsonObject(), token).statusCode()).isEqualTo(204);

      Poll.until("gateway B refuses the revoked token", Duration.ofSeconds(1),
          () -> viaB.postRaw("/auth/logout", "application/json", notJson, token).statusCode() == 401);
      assertProblem(viaB.postRaw("/auth/logout", "application/json", notJson, token), 401, "UNAUTHORIZED");
    } finally {
      Members.stop(b);
      Members.stop(a);
      vertx.close();
    }
  }

  @Test
  void aRevocationMadeBeforeAGatewayStartsIsKnownToIt() {
    Node a = Members.start("gateway,auth,users,creators,drops,orders,notifications");
    Vertx vertx = Vertx.vertx();
    Node late = null;
    try {
      ApiClient viaA = new ApiClient(vertx, a);
      String token = viaA.signUp(ApiClient.unique("late"), "fan").getString("accessToken");
      assertThat(viaA.post("/auth/logout", new JsonObject(), token).statusCode()).isEqualTo(204);

      late = Members.join(a, "gateway");

      assertProblem(new ApiClient(vertx, late).postRaw("/auth/logout", "application/json", Buffer.buffer("x"), token),
          401, "UNAUTHORIZED");
    } finally {
      Members.stop(late);
      Members.stop(a);
      vertx.close();
    }
  }

  @Test
  void breakerOpensWhenAServiceStopsAnsweringAndClosesWhenItReturns() {
    Node gateway = Members.start("gateway");
    Node auth = Members.join(gateway, "auth");
    Vertx vertx = Vertx.vertx();
    Node authAgain = null;
    try {
      ApiClient api = new ApiClient(vertx, gateway);
      JsonObject login = new JsonObject().put("username", "nobody_here").put("password", "whatever1");
      Poll.until("auth answers through the gateway", () -> api.post("/auth/login", login).statusCode() == 401);

      Members.stop(auth);
      Poll.until("the breaker opens", () -> {
        var response = api.post("/auth/login", login);
        return response.statusCode() == 503 && response.getHeader("Retry-After") != null
            && response.bodyAsJsonObject().getString("detail").contains("retry later");
      });
      assertProblem(api.post("/auth/login", login), 503, "UNAVAILABLE");
      assertThat(api.post("/auth/login", login).getHeader("Retry-After")).isEqualTo("1");

      authAgain = Members.join(gateway, "auth");
      Poll.until("the breaker closes again", () -> api.post("/auth/login", login).statusCode() == 401);
    } finally {
      Members.stop(authAgain);
      Members.stop(gateway);
      vertx.close();
    }
  }
}
