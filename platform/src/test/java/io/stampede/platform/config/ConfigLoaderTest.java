package io.stampede.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.stampede.contracts.bus.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsRunEveryServiceInOneJvmWithAnEmbeddedBroker() {
    StampedeConfig config = ConfigLoader.load(List.of(), Map.of());

    assertThat(config.get(ConfigKeys.HTTP_PORT)).isEqualTo(8080);
    assertThat(config.get(ConfigKeys.SERVICES)).containsExactlyElementsOf(Services.ids());
    assertThat(config.embeddedKafka()).isTrue();
    assertThat(config.production()).isFalse();
  }

  @Test
  void fileThenEnvironmentThenFlagsWin(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, "http:\n  port: 9000\nredis:\n  pool-size: 4\npostgres:\n  pool-size: 3\n");

    StampedeConfig config = ConfigLoader.load(
        List.of("--config=" + file, "--http.port=9002", "--services=gateway,orders", "--kafka=k1:9092,k2:9092",
            "--cluster-members=10.0.0.1:5701"),
        Map.of("STAMPEDE_HTTP_PORT", "9001", "STAMPEDE_REDIS_POOL_SIZE", "5", "PATH", "/bin"));

    assertThat(config.get(ConfigKeys.HTTP_PORT)).isEqualTo(9002);
    assertThat(config.get(ConfigKeys.REDIS_POOL_SIZE)).isEqualTo(5);
    assertThat(config.get(ConfigKeys.POSTGRES_POOL_SIZE)).isEqualTo(3);
    assertThat(config.get(ConfigKeys.SERVICES)).containsExactly("gateway", "orders");
    assertThat(config.runs(Services.DROPS)).isFalse();
    assertThat(config.get(ConfigKeys.KAFKA_BOOTSTRAP)).isEqualTo("k1:9092,k2:9092");
    assertThat(config.embeddedKafka()).isFalse();
    assertThat(config.get(ConfigKeys.CLUSTER_MEMBERS)).containsExactly(new HostPort("10.0.0.1", 5701));
  }

  @Test
  void invalidValuesFailWithOneLineNamingKeyOriginAndWhatIsAllowed() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.port=eighty"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid http.port='eighty' (from flag --http.port): allowed is an integer from 0 to 65535");
    assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("STAMPEDE_SERVICES", "gateway,payments")))
        .hasMessageContaining("invalid services='gateway,payments' (from environment STAMPEDE_SERVICES)")
        .hasMessageContaining("gateway, auth, users");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--cluster-members=nohost"), Map.of()))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--log.format=xml"), Map.of()))
        .hasMessageContaining("one of text, json");
  }

  @Test
  void unknownKeysAreRefusedWhereverTheyComeFrom(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.prot=1"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown configuration key 'http.prot'");
    assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("STAMPEDE_HTTP_PROT", "1")))
        .hasMessageContaining("unknown environment variable STAMPEDE_HTTP_PROT");
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "redis:\n  urll: redis://x\n");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--config=" + file), Map.of()))
        .hasMessageContaining("unknown configuration key 'redis.urll'");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("positional"), Map.of()))
        .hasMessageContaining("unexpected argument 'positional'");
  }

  @Test
  void productionModeDemandsItsSecrets() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--mode=production"), Map.of()))
        .hasMessageContaining("postgres.password is required in production mode");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--mode=production", "--postgres.password=s3cret"), Map.of()))
        .hasMessageContaining("auth.signing-key-file and auth.signing-key-id are required in production mode");
    assertThat(ConfigLoader.load(List.of("--mode=production", "--postgres.password=s3cret",
        "--auth.signing-key-file=/etc/stampede/key.pem", "--auth.signing-key-id=2026-11"), Map.of()).production()).isTrue();
    assertThat(ConfigLoader.load(List.of("--mode=production", "--postgres.password=s3cret", "--services=gateway,orders"),
        Map.of()).production()).as("a member without the auth service signs nothing").isTrue();
  }

  @Test
  void overridesAreValidatedLikeAnyOtherSource() {
    StampedeConfig base = ConfigLoader.load(List.of(), Map.of());

    assertThat(base.with(Map.of("http.port", "0")).get(ConfigKeys.HTTP_PORT)).isZero();
    assertThatThrownBy(() -> base.with(Map.of("http.port", "-1"))).isInstanceOf(ConfigException.class);
  }

  @Test
  void defaultsFileRegistryAndReadmeTableAgree() throws IOException {
    // Every registered key has a default (load() would fail otherwise) and a README row.
    ConfigLoader.load(List.of(), Map.of());
    String readme = Files.readString(Path.of("..", "README.md"));
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(readme).as("README row for " + key.name()).contains("| `" + key.name() + "` |");
      assertThat(readme).as("README names " + key.envName()).contains(key.envName());
    }
  }
}
