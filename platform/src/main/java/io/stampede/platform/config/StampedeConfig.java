package io.stampede.platform.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.stampede.contracts.bus.Services;

/**
 * The validated configuration of one member: every key of {@link ConfigKeys} with a typed value.
 * Built once at start by {@link ConfigLoader}; immutable afterwards.
 */
public final class StampedeConfig {

  private final Map<ConfigKey<?>, Object> values;
  private final Map<String, String> rawValues;

  private StampedeConfig(Map<ConfigKey<?>, Object> values, Map<String, String> rawValues) {
    this.values = Map.copyOf(values);
    this.rawValues = Map.copyOf(rawValues);
  }

  static StampedeConfig validate(Map<String, ConfigLoader.Source> raw) {
    Map<ConfigKey<?>, Object> typed = new HashMap<>();
    Map<String, String> rawValues = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      ConfigLoader.Source source = raw.get(key.name());
      if (source == null) {
        throw new ConfigException(key.name() + " has no value (the defaults file should name every key)");
      }
      try {
        typed.put(key, key.parse(source.value()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid " + key.name() + "='" + source.value() + "' (from " + source.origin()
            + "): allowed is " + e.getMessage());
      }
      rawValues.put(key.name(), source.value());
    }
    StampedeConfig config = new StampedeConfig(typed, rawValues);
    config.checkProductionRules();
    return config;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) values.get(key);
  }

  /** A copy with some keys replaced, validated like any other source (tests and embedding). */
  /** A verticle-instances key, where 0 means one instance per core. */
  public int instances(ConfigKey<Integer> key) {
    int configured = get(key);
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }

  public StampedeConfig with(Map<String, String> overrides) {
    Map<String, ConfigLoader.Source> raw = new LinkedHashMap<>();
    rawValues.forEach((k, v) -> raw.put(k, new ConfigLoader.Source(v, "base")));
    overrides.forEach((k, v) -> {
      if (ConfigKeys.byName(k) == null) {
        throw new ConfigException("unknown configuration key '" + k + "'");
      }
      raw.put(k, new ConfigLoader.Source(v, "override"));
    });
    return validate(raw);
  }

  /** Every key's value as written (lists comma-separated): enough to hand this config to another process as flags. */
  public Map<String, String> rawValues() {
    return rawValues;
  }

  public boolean production() {
    return "production".equals(get(ConfigKeys.MODE));
  }

  public boolean runs(Services service) {
    return get(ConfigKeys.SERVICES).contains(service.id());
  }

  public boolean embeddedKafka() {
    return get(ConfigKeys.KAFKA_BOOTSTRAP).isBlank();
  }

  private void checkProductionRules() {
    if (get(ConfigKeys.HTTP_TLS_CERT_FILE).isEmpty() != get(ConfigKeys.HTTP_TLS_KEY_FILE).isEmpty()) {
      throw new ConfigException("http.tls-cert-file and http.tls-key-file go together: set both or neither");
    }
    if (production() && get(ConfigKeys.POSTGRES_PASSWORD).isEmpty()) {
      throw new ConfigException("postgres.password is required in production mode (set STAMPEDE_POSTGRES_PASSWORD)");
    }
    if (production() && runs(Services.AUTH)
        && (get(ConfigKeys.AUTH_SIGNING_KEY_FILE).isEmpty() || get(ConfigKeys.AUTH_SIGNING_KEY_ID).isEmpty())) {
      throw new ConfigException("auth.signing-key-file and auth.signing-key-id are required in production mode "
          + "(dev mode generates a key; production never signs with one it made up)");
    }
  }
}
