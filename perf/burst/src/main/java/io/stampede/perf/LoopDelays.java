package io.stampede.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
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

  private static final String NAME = "stampede_event_loop_delay_seconds";

  private final MemberHistogram delays;

  private LoopDelays(MemberHistogram delays) {
    this.delays = delays;
  }

  static LoopDelays read(WebClient web) {
    return new LoopDelays(MemberHistogram.parse(web.get("/metrics").send().await().bodyAsString(), NAME, line -> true));
  }

  /** The bound (ms) of the lowest bucket that holds {@code share} (0..1) of the delays recorded since {@code before}. */
  double percentileMsSince(LoopDelays before, double share) {
    return delays.percentileMsSince(before.delays, share);
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
        Files.writeString(Path.of(given.get("save")), now.delays.buckets().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")));
      } else {
        Map<Double, Double> saved = new TreeMap<>();
        Files.readAllLines(Path.of(given.get("since"))).forEach(l -> {
          String[] parts = l.split(" ");
          saved.put(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        });
        LoopDelays before = new LoopDelays(new MemberHistogram(saved));
        System.out.printf("event-loop delay since then: p99 %s, longest %s%n",
            shown(now.percentileMsSince(before, 0.99)), shown(now.percentileMsSince(before, 1.0)));
      }
    } finally {
      vertx.close().await();
    }
  }
}
