package io.stampede.platform.config;

/** A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}. Written {@code BURST/PER_SECOND}. */
public record Bucket(int burst, double perSecond) {

  static Bucket parse(String raw) {
    String[] parts = raw.trim().split("/");
    String allowed = "BURST/PER_SECOND, e.g. 10/2 or 10/0.1 (a positive burst and rate)";
    if (parts.length != 2) {
      throw new IllegalArgumentException(allowed);
    }
    try {
      Bucket bucket = new Bucket(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      if (bucket.burst < 1 || !(bucket.perSecond > 0) || Double.isInfinite(bucket.perSecond)) {
        throw new IllegalArgumentException(allowed);
      }
      return bucket;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(allowed);
    }
  }

  /** The written form, {@code BURST/PER_SECOND}. */
  @Override
  public String toString() {
    return burst + "/" + (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond));
  }
}
