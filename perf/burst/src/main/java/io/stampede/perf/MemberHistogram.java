package io.stampede.perf;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram of a member's {@code /metrics} page (Prometheus text): the count of observations up
 * to each bucket's bound, summed over the series a filter picks. Two readings give the percentiles
 * of what was observed between them, as the bounds of the buckets that hold them.
 */
final class MemberHistogram {

  private static final Pattern BOUND = Pattern.compile("le=\"([^\"]+)\"");

  private final Map<Double, Double> countUpTo;

  MemberHistogram(Map<Double, Double> countUpTo) {
    this.countUpTo = countUpTo;
  }

  /** The buckets of {@code name} (the {@code _bucket} series' name) whose line {@code series} accepts. */
  static MemberHistogram parse(String metricsText, String name, Predicate<String> series) {
    String prefix = name + "_bucket{";
    Map<Double, Double> buckets = new TreeMap<>();
    metricsText.lines().filter(l -> l.startsWith(prefix) && series.test(l)).forEach(l -> {
      Matcher le = BOUND.matcher(l);
      if (le.find()) {
        double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
        buckets.merge(bound, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
      }
    });
    return new MemberHistogram(buckets);
  }

  Map<Double, Double> buckets() {
    return countUpTo;
  }

  /** How many observations were made since {@code before}. */
  double countSince(MemberHistogram before) {
    return sinceBefore(before, Double.POSITIVE_INFINITY);
  }

  /** The bound (ms) of the lowest bucket that holds {@code share} (0..1) of the observations since {@code before}. */
  double percentileMsSince(MemberHistogram before, double share) {
    double all = countSince(before);
    return countUpTo.keySet().stream().filter(bound -> sinceBefore(before, bound) >= share * all)
        .mapToDouble(bound -> bound * 1000).findFirst().orElse(Double.NaN);
  }

  private double sinceBefore(MemberHistogram before, double bound) {
    return countUpTo.getOrDefault(bound, 0.0) - before.countUpTo.getOrDefault(bound, 0.0);
  }
}
