package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token buckets at the edge, with buckets small enough to empty in a test. */
class RateLimitIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension(Map.of(
        ConfigKeys.REDIS_KEY_PREFIX.name(), TestInfra.get().redisPrefix() + "ratelimit-it:",
        ConfigKeys.RATELIMIT_READS_IP.name(), "3/0.5",
        ConfigKeys.RATELIMIT_AUTH_USER.name(), "2/0.01",
        ConfigKeys.RATELIMIT_LOGIN_USERNAME.name(), "2/0.01"));

  @Test
  void aBurstPastTheBucketIs429WithRetryAfterAndTheBucketRefills() {
    for (int remaining = 2; remaining >= 0; remaining--) {
      HttpResponse<Buffer> ok = member.api().get("/.well-known/jwks.json", null);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(ok.getHeader("RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
      assertThat(Integer.parseInt(ok.getHeader("RateLimit-Reset"))).isBetween(1, 6);
    }

    HttpResponse<Buffer> refused = member.api().get("/.well-known/jwks.json", null);

    assertProblem(refused, 429, "RATE_LIMITED");
    // One token comes back every 2 s at 0.5/s.
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 2);
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
    Poll.until("the bucket refills", () -> member.api().get("/.well-known/jwks.json", null).statusCode() == 200);
  }

  @Test
  void loginAttemptsPerUsernameAreLimitedWhoeverMakesThem() {
    String target = ApiClient.unique("target");
    assertThat(member.api().login(target, "guess-one").statusCode()).isEqualTo(401);
    assertThat(member.api().login(target, "guess-two").statusCode()).isEqualTo(401);

    assertProblem(member.api().login(target, "guess-three"), 429, "RATE_LIMITED");
    assertThat(member.api().login(ApiClient.unique("other"), "guess-one").statusCode()).as("another username").isEqualTo(401);
  }

  @Test
  void aSignedInUserHasABucketOfTheirOwn() {
    JsonObject tokens = member.api().signUp(ApiClient.unique("busy"), "fan");
    String token = tokens.getString("accessToken");
    Buffer notJson = Buffer.buffer("{");

    assertThat(member.api().postRaw("/auth/logout", "application/json", notJson, token).statusCode()).isEqualTo(400);
    assertThat(member.api().postRaw("/auth/logout", "application/json", notJson, token).statusCode()).isEqualTo(400);
    assertProblem(member.api().postRaw("/auth/logout", "application/json", notJson, token), 429, "RATE_LIMITED");
  }
}
