package io.stampede.perf;

import java.util.Arrays;

/** Response times of one burst, in nanoseconds; percentiles by sorting (a burst is a few thousand samples). */
final class Latencies {

  private long[] samples = new long[1024];
  private int count;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  /** The p-th percentile (0..100) in milliseconds. */
  double percentileMs(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
  }
}
