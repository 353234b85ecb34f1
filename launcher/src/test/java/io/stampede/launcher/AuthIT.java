package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.stampede.auth.keys.EcKeys;
import io.stampede.contracts.errors.Problem;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every auth flow of API.md through the public port, and the tokens a gateway must refuse. */
class AuthIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  @Test
  void registerAnswersTheUserAndRefusesATakenUsername() {
    String name = ApiClient.unique("ann");
    JsonObject request = new JsonObject().put("username", name).put("password", "pa55word!").put("displayName", "Ann")
        .put("role", "creator").put("ignored", "unknown fields are ignored");

    HttpResponse<Buffer> created = member.api().post("/auth/register", request);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject user = created.bodyAsJsonObject();
    assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "username", "displayName", "bio", "role", "followers",
        "following", "createdAt");
    assertThat(user.getString("role")).isEqualTo("creator");
    assertThat(user.getInteger("followers")).isZero();
    assertProblem(member.api().post("/auth/register", request), 409, "USERNAME_TAKEN");
  }

  @Test
  void registerValidatesEveryField() {
    JsonObject valid = new JsonObject().put("username", ApiClient.unique("val")).put("password", "pa55word!")
        .put("displayName", "V").put("role", "fan");
    for (JsonObject bad : List.of(
        valid.copy().put("username", "ab"), valid.copy().put("username", "UPPER"), valid.copy().put("username", 42),
        valid.copy().put("password", "short"), valid.copy().put("password", "x".repeat(129)),
        valid.copy().put("role", "admin"), valid.copy().putNull("displayName"), new JsonObject())) {
      assertProblem(member.api().post("/auth/register", bad), 400, "VALIDATION_FAILED");
    }
  }

  @Test
  void loginAnswersTokensAndTheSame401ForUnknownUserAndBadPassword() {
    String name = ApiClient.unique("bob");
    JsonObject tokens = member.api().signUp(name, "fan");

    assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
    assertThat(tokens.getInteger("expiresIn")).isEqualTo(300);
    assertThat(tokens.getLong("refreshExpiresIn")).isEqualTo(30L * 24 * 3600);
    assertThat(tokens.getString("refreshToken")).isNotBlank();
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(
        tokens.getString("accessToken").split("\\.")[0]), StandardCharsets.UTF_8));
    assertThat(header.getString("alg")).isEqualTo("ES256");
    JsonObject jwks = member.api().get("/.well-known/jwks.json", null).bodyAsJsonObject();
    assertThat(jwks.getJsonArray("keys").stream().map(k -> ((JsonObject) k).getString("kid")))
        .contains(header.getString("kid"));
    assertThat(jwks.encode()).doesNotContain("\"d\"");

    HttpResponse<Buffer> wrongPassword = member.api().login(name, "not-the-password");
    HttpResponse<Buffer> unknownUser = member.api().login(ApiClient.unique("nobody"), "not-the-password");
    assertProblem(wrongPassword, 401, "UNAUTHORIZED");
    assertThat(unknownUser.bodyAsString()).isEqualTo(wrongPassword.bodyAsString());
  }

  @Test
  void theGatewayVerifiesATokenAsItIssuesItSoTheFirstRequestAtADropFindsItVerified() {
    double before = verifiedTokens();
    // A refused sign-in first: it issues nothing, so the count below moves by the accepted ones only.
    member.api().login(ApiClient.unique("nobody"), "not-the-password");
    JsonObject first = member.api().signUp(ApiClient.unique("eve"), "fan");
    Poll.until("the token from the sign-in verified without being used", () -> verifiedTokens() >= before + 1);
    assertThat(verifiedTokens()).as("one token verified: the sign-in's, none for the refused one").isEqualTo(before + 1);

    member.api().post("/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")));
    Poll.until("the token from the refresh verified too", () -> verifiedTokens() == before + 2);
  }

  private static double verifiedTokens() {
    String text = Await.result(member.web().get("/metrics").send()).bodyAsString();
    return text.lines().filter(line -> line.startsWith("stampede_auth_tokens_verified"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void refreshRotatesAndASpentTokenRevokesItsWholeFamily() {
    JsonObject first = member.api().signUp(ApiClient.unique("cat"), "fan");

    HttpResponse<Buffer> rotated = member.api().post("/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(rotated.statusCode()).isEqualTo(200);
    String second = rotated.bodyAsJsonObject().getString("refreshToken");
    assertThat(second).isNotEqualTo(first.getString("refreshToken"));
    assertThat(rotated.bodyAsJsonObject().getString("userId")).isEqualTo(first.getString("userId"));

    // The spent token again: refused, and its descendant dies with it.
    assertProblem(member.api().post("/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken"))), 401, "UNAUTHORIZED");
    assertProblem(member.api().post("/auth/refresh", new JsonObject().put("refreshToken", second)), 401, "UNAUTHORIZED");
    assertProblem(member.api().post("/auth/refresh", new JsonObject().put("refreshToken", "made-up")), 401, "UNAUTHORIZED");
    assertProblem(member.api().post("/auth/refresh", new JsonObject()), 400, "VALIDATION_FAILED");
  }

  @Test
  void logoutKillsTheAccessTokenAndTheRefreshToken() {
    JsonObject tokens = member.api().signUp(ApiClient.unique("dan"), "fan");
    String access = tokens.getString("accessToken");

    HttpResponse<Buffer> out = member.api().post("/auth/logout", new JsonObject().put("refreshToken", tokens.getString("refreshToken")), access);

    assertThat(out.statusCode()).isEqualTo(204);
    assertProblem(member.api().post("/auth/logout", new JsonObject(), access), 401, "UNAUTHORIZED");
    // The durable copy lives as long as the token would have: a gateway starting later still refuses it.
    String jti = new JsonObject(new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8))
        .getString("jti");
    var redis = io.stampede.platform.infra.RedisSetup.client(member.vertx(), member.node().config());
    long expiresAt = Await.result(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.ZSCORE)
        .arg(member.node().config().get(io.stampede.platform.config.ConfigKeys.REDIS_KEY_PREFIX) + "revoked-tokens").arg(jti)))
        .toLong();
    assertThat(expiresAt - System.currentTimeMillis() / 1000).isBetween(250L, 300L);
    redis.close();
    assertProblem(member.api().post("/auth/refresh", new JsonObject().put("refreshToken", tokens.getString("refreshToken"))), 401, "UNAUTHORIZED");
    assertProblem(member.api().post("/auth/logout", new JsonObject()), 401, "UNAUTHORIZED");
  }

  @Test
  void tamperedExpiredUnsignedUnknownKeyAndWrongAudienceTokensAreRefused() {
    JsonObject tokens = member.api().signUp(ApiClient.unique("eve"), "fan");
    String good = tokens.getString("accessToken");
    String[] parts = good.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));

    String tampered = parts[0] + "." + b64(claims.copy().put("role", "creator").encode()) + "." + parts[2];
    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    JWTAuth realKey = JWTAuth.create(member.vertx(), new JWTAuthOptions().addJwk(devSigningKey()));
    String expired = realKey.generateToken(new JsonObject().put("sub", claims.getString("sub")).put("jti", "x")
        .put("exp", System.currentTimeMillis() / 1000 - 60), new JWTOptions().setAlgorithm("ES256")
        .setIssuer("stampede").setAudience(List.of("stampede-member.api()")));
    String wrongAudience = realKey.generateToken(new JsonObject().put("sub", claims.getString("sub")).put("jti", "y"),
        new JWTOptions().setAlgorithm("ES256").setIssuer("stampede").setAudience(List.of("someone-else")));
    JWTAuth rogue = JWTAuth.create(member.vertx(), new JWTAuthOptions().addJwk(EcKeys.generate("rogue").privateJwk()));
    String unknownKid = rogue.generateToken(new JsonObject().put("sub", claims.getString("sub")).put("jti", "z"),
        new JWTOptions().setAlgorithm("ES256").setIssuer("stampede").setAudience(List.of("stampede-member.api()")));

    var refused = java.util.Map.of("tampered", tampered, "unsigned", unsigned, "expired", expired,
        "wrong audience", wrongAudience, "unknown kid", unknownKid, "garbage", "garbage",
        "signature cut short", good.substring(0, good.length() - 4));
    refused.forEach((what, token) -> assertThat(member.api().post("/auth/logout", new JsonObject(), token).statusCode())
        .as(what).isEqualTo(401));
    assertThat(member.api().post("/auth/logout", new JsonObject(), good).statusCode()).as("the real token still works").isEqualTo(204);
  }

  private static JsonObject devSigningKey() {
    Pool pool = PostgresSetup.pool(member.vertx(), member.node().config(), "it-keys");
    try {
      var rows = Await.result(pool.query("SELECT private_jwk FROM signing_keys WHERE private_jwk IS NOT NULL "
          + "ORDER BY created_at DESC LIMIT 1").execute());
      return new JsonObject(rows.iterator().next().getString(0));
    } finally {
      pool.close();
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
  }
}
