package io.stampede.contracts;

import java.security.SecureRandom;
import java.util.UUID;

/** New ids: UUIDv7, so ids sort by creation time (stable cursors, index-friendly inserts). */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  public static String newId() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
