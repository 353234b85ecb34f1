package io.stampede.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the configuration once, in this order, later sources winning: the defaults in
 * {@code conf/stampede.yaml} (inside the jar), an optional file ({@code --config=FILE} or
 * {@code STAMPEDE_CONFIG}), environment variables {@code STAMPEDE_<KEY>}, then flags
 * {@code --<key>=<value>}. Unknown keys and invalid values fail with one line naming them.
 */
public final class ConfigLoader {

  public static final String DEFAULTS_RESOURCE = "/conf/stampede.yaml";
  public static final String CONFIG_FILE_ENV = "STAMPEDE_CONFIG";

  /** Short flags for the common cases; any key also works as {@code --<key>=value}. */
  private static final Map<String, String> FLAG_ALIASES = Map.of(
      "cluster-members", ConfigKeys.CLUSTER_MEMBERS.name(),
      "kafka", ConfigKeys.KAFKA_BOOTSTRAP.name(),
      "port", ConfigKeys.HTTP_PORT.name());

  private ConfigLoader() {
  }

  public static StampedeConfig load(List<String> flags, Map<String, String> env) {
    Map<String, Source> raw = new LinkedHashMap<>();
    readYaml(ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE), "defaults", raw);
    String extraFile = flagValue(flags, "config");
    if (extraFile == null) {
      extraFile = env.get(CONFIG_FILE_ENV);
    }
    if (extraFile != null && !extraFile.isBlank()) {
      readFile(Path.of(extraFile), raw);
    }
    readEnv(env, raw);
    readFlags(flags, raw);
    return StampedeConfig.validate(raw);
  }

  /** The launcher's own flags that are not configuration keys. */
  static boolean isLauncherFlag(String name) {
    return name.equals("config") || name.equals("verbose") || name.equals("help");
  }

  private static void readFile(Path file, Map<String, Source> raw) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " cannot be read");
    }
    try (InputStream in = Files.newInputStream(file)) {
      readYaml(in, file.toString(), raw);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static void readYaml(InputStream in, String origin, Map<String, Source> raw) {
    if (in == null) {
      throw new ConfigException("the default configuration " + DEFAULTS_RESOURCE + " is missing from the jar");
    }
    Map<?, ?> tree;
    try (in) {
      tree = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
    } catch (IOException e) {
      throw new ConfigException(origin + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (tree != null) {
      flatten("", tree, origin, raw);
    }
  }

  private static void flatten(String prefix, Map<?, ?> tree, String origin, Map<String, Source> raw) {
    tree.forEach((k, v) -> {
      String name = prefix + k;
      if (v instanceof Map<?, ?> nested) {
        flatten(name + ".", nested, origin, raw);
      } else {
        String value = v == null ? "" : v instanceof List<?> list
            ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
            : String.valueOf(v);
        put(name, value, origin, raw);
      }
    });
  }

  private static void readEnv(Map<String, String> env, Map<String, Source> raw) {
    env.forEach((name, value) -> {
      if (!name.startsWith("STAMPEDE_") || name.equals(CONFIG_FILE_ENV)) {
        return;
      }
      ConfigKey<?> key = ConfigKeys.ALL.stream().filter(k -> k.envName().equals(name)).findFirst()
          .orElseThrow(() -> new ConfigException("unknown environment variable " + name
              + " (Stampede reads STAMPEDE_<KEY>; see the configuration table in the README)"));
      put(key.name(), value, "environment " + name, raw);
    });
  }

  private static void readFlags(List<String> flags, Map<String, Source> raw) {
    for (String flag : flags) {
      if (!flag.startsWith("--")) {
        throw new ConfigException("unexpected argument '" + flag + "' (flags look like --key=value)");
      }
      int eq = flag.indexOf('=');
      String name = eq < 0 ? flag.substring(2) : flag.substring(2, eq);
      if (isLauncherFlag(name)) {
        continue;
      }
      if (eq < 0) {
        throw new ConfigException("flag --" + name + " needs a value: --" + name + "=...");
      }
      put(FLAG_ALIASES.getOrDefault(name, name), flag.substring(eq + 1), "flag --" + name, raw);
    }
  }

  private static void put(String name, String value, String origin, Map<String, Source> raw) {
    if (ConfigKeys.byName(name) == null) {
      throw new ConfigException("unknown configuration key '" + name + "' (from " + origin
          + "); the README's configuration table lists every key");
    }
    raw.put(name, new Source(value, origin));
  }

  private static String flagValue(List<String> flags, String name) {
    String prefix = "--" + name + "=";
    return flags.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length()))
        .reduce((first, second) -> second).orElse(null);
  }

  /** A raw value and where it came from, for error messages. */
  record Source(String value, String origin) {
  }
}
