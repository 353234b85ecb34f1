package io.stampede.platform.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its dotted name, what it means, what values it allows, and how a raw
 * string becomes a typed value. Every value, from YAML, environment or flag, goes through
 * {@link #parse(String)}, so there is exactly one place that says what is valid.
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {

  private final String name;
  private final String description;
  private final String allowed;
  private final Function<String, T> parser;

  private ConfigKey(String name, String description, String allowed, Function<String, T> parser) {
    this.name = name;
    this.description = description;
    this.allowed = allowed;
    this.parser = parser;
  }

  public static ConfigKey<Integer> integer(String name, int min, int max, String description) {
    String allowed = "an integer from " + min + " to " + max;
    return new ConfigKey<>(name, description, allowed, raw -> {
      int value;
      try {
        value = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(allowed);
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException(allowed);
      }
      return value;
    });
  }

  public static ConfigKey<Integer> port(String name, String description) {
    return integer(name, 0, 65535, description + " (0 picks a free port)");
  }

  public static ConfigKey<Boolean> bool(String name, String description) {
    return new ConfigKey<>(name, description, "true or false", raw -> switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("true or false");
    });
  }

  public static ConfigKey<String> text(String name, String description) {
    return new ConfigKey<>(name, description, "any text", String::trim);
  }

  public static ConfigKey<String> nonBlank(String name, String description) {
    return new ConfigKey<>(name, description, "a non-empty text", raw -> {
      if (raw.isBlank()) {
        throw new IllegalArgumentException("a non-empty text");
      }
      return raw.trim();
    });
  }

  public static ConfigKey<String> oneOf(String name, List<String> values, String description) {
    String allowed = "one of " + String.join(", ", values);
    return new ConfigKey<>(name, description, allowed, raw -> {
      if (!values.contains(raw.trim())) {
        throw new IllegalArgumentException(allowed);
      }
      return raw.trim();
    });
  }

  /** A comma-separated list whose every element is one of {@code values}. */
  public static ConfigKey<List<String>> subsetOf(String name, List<String> values, String description) {
    String allowed = "a comma-separated list of " + String.join(", ", values);
    return new ConfigKey<>(name, description, allowed, raw -> {
      List<String> items = split(raw);
      if (items.isEmpty() || !values.containsAll(items)) {
        throw new IllegalArgumentException(allowed);
      }
      return items;
    });
  }

  /** A comma-separated list of {@code host:port}, possibly empty. */
  public static ConfigKey<List<HostPort>> hostPorts(String name, String description) {
    String allowed = "a comma-separated list of host:port (may be empty)";
    return new ConfigKey<>(name, description, allowed, raw -> split(raw).stream().map(HostPort::parse).toList());
  }

  public static ConfigKey<Bucket> bucket(String name, String description) {
    return new ConfigKey<>(name, description, "BURST/PER_SECOND, e.g. 10/2", Bucket::parse);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public String allowed() {
    return allowed;
  }

  /** {@code kafka.embedded.data-dir} is overridden by {@code STAMPEDE_KAFKA_EMBEDDED_DATA_DIR}. */
  public String envName() {
    return "STAMPEDE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** @throws IllegalArgumentException whose message says what is allowed */
  public T parse(String raw) {
    return parser.apply(raw == null ? "" : raw);
  }

  private static List<String> split(String raw) {
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public String toString() {
    return name;
  }
}
