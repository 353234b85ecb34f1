package io.stampede.launcher;

import io.stampede.platform.config.ConfigKey;
import io.stampede.platform.config.ConfigKeys;

/** The {@code --help} text, built from the key registry so it never drifts from the code. */
final class Usage {

  private Usage() {
  }

  static String text() {
    StringBuilder out = new StringBuilder("""
        Usage: java -jar stampede.jar [--key=value ...] [--config=FILE] [--verbose]

        Runs a Stampede member. With no flags: every service in one JVM, an embedded Kafka broker,
        Postgres and Redis on localhost. Short flags: --services=gateway,orders  --kafka=host:port
        --cluster-members=host:port,...  --port=8080. Every key can also be set as STAMPEDE_<KEY>.

        Keys:
        """);
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      out.append(String.format("  --%-26s %s; %s%n", key.name(), key.description(), key.allowed()));
    }
    return out.toString();
  }
}
