package io.stampede.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import io.stampede.contracts.api.Caller;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final VerifiedTokens tokens = new VerifiedTokens(2, now::get);

  @Test
  void aVerifiedTokenIsKnownUntilItExpires() {
    Caller ann = new Caller("ann", "fan", "j1", 1_060);
    tokens.put("t1", ann);

    assertThat(tokens.get("t1")).isEqualTo(ann);
    now.set(1_060);
    assertThat(tokens.get("t1")).as("expired at exp").isNull();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void whenFullExpiredTokensMakeRoomAndOtherwiseNewOnesAreNotKept() {
    tokens.put("t1", new Caller("ann", "fan", "j1", 1_010));
    tokens.put("t2", new Caller("bob", "fan", "j2", 1_100));
    tokens.put("t3", new Caller("cat", "fan", "j3", 1_100));
    assertThat(tokens.get("t3")).as("full: not kept").isNull();

    now.set(1_020);
    tokens.put("t3", new Caller("cat", "fan", "j3", 1_100));
    assertThat(tokens.get("t3")).as("the expired t1 made room").isNotNull();
    assertThat(tokens.size()).isEqualTo(2);
  }

  @Test
  void clearForgetsEverything() {
    tokens.put("t1", new Caller("ann", "fan", "j1", 2_000));
    tokens.clear();
    assertThat(tokens.get("t1")).isNull();
  }
}
