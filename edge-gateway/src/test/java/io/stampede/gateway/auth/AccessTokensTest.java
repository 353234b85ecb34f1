package io.stampede.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.stampede.contracts.api.Caller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void anIssuedTokenNamesItsCallerAsVertxAuthWroteIt() {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("a test secret of enough length")));
    long before = System.currentTimeMillis() / 1000;
    String token = signer.generateToken(new JsonObject().put("sub", "u1").put("role", "fan").put("jti", "j1"),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(300).setIssuer("stampede"));

    Caller caller = AccessTokens.issuedCaller(token).orElseThrow();

    assertThat(caller.userId()).isEqualTo("u1");
    assertThat(caller.role()).isEqualTo("fan");
    assertThat(caller.jti()).isEqualTo("j1");
    assertThat(caller.expiresAtEpochSeconds()).isBetween(before + 300, before + 301);
  }

  @Test
  void claimsThatNameNoCallerOrAreNoJwtAreNotRemembered() {
    assertThat(AccessTokens.issuedCaller("not a token")).isEmpty();
    assertThat(AccessTokens.issuedCaller("a.b")).isEmpty();
    assertThat(AccessTokens.issuedCaller("e30.!!!.sig")).as("claims not base64url").isEmpty();
    assertThat(AccessTokens.issuedCaller("e30." + part("[1,2]") + ".sig")).as("claims not an object").isEmpty();
    assertThat(AccessTokens.issuedCaller("e30." + part("{\"sub\":\"u1\"}") + ".sig")).as("no expiry").isEmpty();
    assertThat(AccessTokens.issuedCaller("e30." + part("{\"exp\":99}") + ".sig")).as("no subject").isEmpty();
  }

  private static String part(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
