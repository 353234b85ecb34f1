package io.stampede.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.testing.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final Vertx vertx = Vertx.vertx();
  private final PasswordHasher hasher = new PasswordHasher(vertx.createSharedWorkerExecutor("test-hash", 1), 2000);

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void hashesAreSaltedAndVerify() {
    String first = Await.result(hasher.hash("correct horse"));
    String second = Await.result(hasher.hash("correct horse"));

    assertThat(first).startsWith("pbkdf2-sha256$2000$").isNotEqualTo(second);
    assertThat(Await.result(hasher.verify("correct horse", first))).isTrue();
    assertThat(Await.result(hasher.verify("correct horsf", first))).isFalse();
  }

  @Test
  void anUnknownUserNeverVerifiesButCostsAHash() {
    assertThat(Await.result(hasher.verify("anything", null))).isFalse();
  }

  @Test
  void aHashMadeWithOtherIterationsStillVerifies() {
    String old = Await.result(new PasswordHasher(vertx.createSharedWorkerExecutor("old-hash", 1), 1000).hash("pw123456"));
    assertThat(Await.result(hasher.verify("pw123456", old))).isTrue();
  }
}
