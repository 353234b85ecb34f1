package io.stampede.perf;

import java.util.List;
import java.util.Map;

/** The benchmark's knobs, from {@code --key=value} arguments. */
record BurstOptions(String host, int port, int fans, int stock, int perUserLimit, int keysPerFan, int concurrency,
                    int h2Connections, List<String> protocols) {

  static BurstOptions parse(String[] args) {
    Map<String, String> given = Flags.parse(args);
    BurstOptions options = new BurstOptions(
        given.getOrDefault("host", "127.0.0.1"),
        Integer.parseInt(given.getOrDefault("port", "8080")),
        Integer.parseInt(given.getOrDefault("fans", "2000")),
        Integer.parseInt(given.getOrDefault("stock", "1000")),
        Integer.parseInt(given.getOrDefault("per-user-limit", "1")),
        Integer.parseInt(given.getOrDefault("keys-per-fan", "2")),
        Integer.parseInt(given.getOrDefault("concurrency", "128")),
        Integer.parseInt(given.getOrDefault("h2-connections", "4")),
        List.of(given.getOrDefault("protocols", "h1,h2").split(",")));
    given.keySet().removeAll(List.of("host", "port", "fans", "stock", "per-user-limit", "keys-per-fan", "concurrency",
        "h2-connections", "protocols"));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet());
    }
    return options;
  }

  /** Every fan sends each of its keys once and retries the first one: the requests of one burst. */
  int requestsPerBurst() {
    return fans * (keysPerFan + 1);
  }
}
