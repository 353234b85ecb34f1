package io.stampede.perf;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' {@code --key=value} arguments; words without {@code --} (a mode) are skipped. */
final class Flags {

  private Flags() {
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        continue;
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are --key=value, got " + arg);
      }
      given.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return given;
  }
}
