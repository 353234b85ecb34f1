package io.stampede.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

/**
 * The member's event-loop delays ({@code stampede_event_loop_delay_seconds}, all loops together)
 * between two readings of its {@code /metrics}. From a script:
 * {@code --port=18080 --save=FILE} keeps a reading; {@code --port=18080 --since=FILE} prints the
 * longest delay and the p99 since then, as the bounds of the histogram's buckets.
 */
final class LoopDelays {

  private static final String BUCKET = "stampede_event_loop_delay_seconds_bucket{";
  private static final Pattern BOUND = Pattern.compile("le=\"([^\"]+)\"");

  private final Map<Double, Double> countUpTo;

  private LoopDelays(Map<Double, Double> countUpTo) {
    this.countUpTo = countUpTo;
  }

  static LoopDelays read(WebClient web) {
    return parse(web.get("/metrics").send().await().bodyAsString());
  }

  static LoopDelays parse(String metricsText) {
    Map<Double, Double> buckets = new TreeMap<>();
    metricsText.lines().filter(l -> l.startsWith(BUCKET)).forEach(l -> {
      Matcher le = BOUND.matcher(l);
      if (le.find()) {
        double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
        buckets.merge(bound, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
      }
    });
    return new LoopDelays(buckets);
  }

  /** The bound (ms) of the lowest bucket that holds {@code share} (0..1) of the delays recorded since {@code before}. */
  double percentileMsSince(LoopDelays before, double share) {
    double all = sinceBefore(before, Double.POSITIVE_INFINITY);
    return countUpTo.keySet().stream().filter(bound -> sinceBefore(before, bound) >= share * all)
        .mapToDouble(bound -> bound * 1000).findFirst().orElse(Double.NaN);
  }

  private double sinceBefore(LoopDelays before, double bound) {
    return countUpTo.getOrDefault(bound, 0.0) - before.countUpTo.getOrDefault(bound, 0.0);
  }

  /** A bucket's bound; the last bucket has none (the histogram ends at 10 s). */
  private static String shown(double boundMs) {
    return Double.isInfinite(boundMs) ? "over 10 s" : String.format("<= %.0f ms", boundMs);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> given = Flags.parse(args);
    Vertx vertx = Vertx.vertx();
    try {
      WebClient web = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions()
          .setDefaultHost("127.0.0.1").setDefaultPort(Integer.parseInt(given.getOrDefault("port", "8080"))));
      LoopDelays now = read(web);
      if (given.containsKey("save")) {
        Files.writeString(Path.of(given.get("save")), now.countUpTo.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")));
      } else {
        Map<Double, Double> saved = new TreeMap<>();
        Files.readAllLines(Path.of(given.get("since"))).forEach(l -> {
          String[] parts = l.split(" ");
          saved.put(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        });
        LoopDelays before = new LoopDelays(saved);
        System.out.printf("event-loop delay since then: p99 %s, longest %s%n",
            shown(now.percentileMsSince(before, 0.99)), shown(now.percentileMsSince(before, 1.0)));
      }
    } finally {
      vertx.close().await();
    }
  }
}
