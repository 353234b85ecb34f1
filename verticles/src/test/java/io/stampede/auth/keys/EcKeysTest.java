package io.stampede.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcKeysTest {

  @Test
  void aPemPrivateKeyYieldsTheSamePublicKeyTheJdkMade(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    for (int i = 0; i < 5; i++) {
      KeyPair pair = generator.generateKeyPair();
      Path pem = dir.resolve("key" + i + ".pem");
      Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");

      SigningKey key = EcKeys.fromPemFile(pem, "k" + i);

      ECPublicKey expected = (ECPublicKey) pair.getPublic();
      assertThat(coordinate(key.publicJwk().getString("x"))).isEqualTo(expected.getW().getAffineX());
      assertThat(coordinate(key.publicJwk().getString("y"))).isEqualTo(expected.getW().getAffineY());
      assertThat(key.kid()).isEqualTo("k" + i);
      assertThat(key.canSign()).isTrue();
    }
  }

  @Test
  void somethingElseIsRefusedWithTheFileNamed(@TempDir Path dir) throws IOException {
    Path pem = dir.resolve("not-a-key.pem");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> EcKeys.fromPemFile(pem, "k")).hasMessageContaining("not-a-key.pem");
  }

  @Test
  void generatedKeysPublishNoPrivatePart() {
    SigningKey key = EcKeys.generate("dev-1");
    assertThat(key.publicJwk().containsKey("d")).isFalse();
    assertThat(key.privateJwk().getString("d")).isNotBlank();
    assertThat(key.publicJwk().getString("alg")).isEqualTo("ES256");
  }

  private static BigInteger coordinate(String b64) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(b64));
  }
}
