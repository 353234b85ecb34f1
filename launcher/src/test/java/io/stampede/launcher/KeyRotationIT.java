package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new signing key rolls out without logging anyone out, and gateways learn it without a restart. */
class KeyRotationIT {

  @Test
  void tokensOfTheOldAndTheNewKeyAreBothAccepted(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    Path pem = dir.resolve("signing.pem");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    String newKid = "rotated-" + System.nanoTime();

    Node a = Members.start("gateway,auth,users,creators,drops,orders,notifications");
    Vertx vertx = Vertx.vertx();
    Node rotated = null;
    try {
      ApiClient api = new ApiClient(vertx, a);
      String name = ApiClient.unique("rot");
      String oldToken = api.signUp(name, "fan").getString("accessToken");

      rotated = Members.start("auth", Map.of(
          ConfigKeys.CLUSTER_MEMBERS.name(), "127.0.0.1:" + a.config().get(ConfigKeys.CLUSTER_PORT),
          ConfigKeys.AUTH_SIGNING_KEY_FILE.name(), pem.toString(),
          ConfigKeys.AUTH_SIGNING_KEY_ID.name(), newKid));

      // Logins are spread over both auth members; wait for one signed with the new key.
      String[] newToken = new String[1];
      Poll.until("a token signed with the new key", () -> {
        String token = api.login(name, "pa55word!").bodyAsJsonObject().getString("accessToken");
        boolean isNew = kid(token).equals(newKid);
        newToken[0] = isNew ? token : null;
        return isNew;
      });

      Buffer notJson = Buffer.buffer("x");
      assertThat(api.postRaw("/auth/logout", "application/json", notJson, newToken[0]).statusCode())
          .as("new key accepted by the running gateway").isEqualTo(400);
      assertThat(api.postRaw("/auth/logout", "application/json", notJson, oldToken).statusCode())
          .as("old key still accepted").isEqualTo(400);
      JsonObject jwks = api.get("/.well-known/jwks.json", null).bodyAsJsonObject();
      assertThat(jwks.encode()).contains(newKid).contains(kid(oldToken));
    } finally {
      Members.stop(rotated);
      Members.stop(a);
      vertx.close();
    }
  }

  private static String kid(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
  }
}
