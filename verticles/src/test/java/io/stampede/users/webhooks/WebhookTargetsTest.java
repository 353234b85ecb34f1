package io.stampede.users.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

  private static final Vertx VERTX = Vertx.vertx();
  private final WebhookTargets production = new WebhookTargets(VERTX, true);
  private final WebhookTargets dev = new WebhookTargets(VERTX, false);

  @AfterAll
  static void close() {
    VERTX.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/", "http://172.16.0.9/",
      "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/",
      "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "http://0.0.0.0/"})
  void productionRefusesPrivateLoopbackAndLinkLocalTargets(String url) {
    Throwable refused = outcome(production.check(url));
    assertThat(refused).isInstanceOf(StampedeException.class).hasMessageContaining("private");
  }

  @Test
  void productionAllowsPublicAddresses() {
    assertThat(outcome(production.check("https://93.184.216.34/hooks"))).isNull();
  }

  @Test
  void devAllowsALoopbackReceiver() {
    assertThat(outcome(dev.check("http://127.0.0.1:9000/hook"))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/", "/relative", "http://", "http://user:pw@example.com/", "not a url"})
  void everyModeRefusesWhatIsNotAnHttpUrl(String url) {
    assertThat(outcome(dev.check(url))).isInstanceOf(StampedeException.class);
  }

  private static Throwable outcome(Future<?> check) {
    try {
      check.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
