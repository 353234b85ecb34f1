package io.stampede.users.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  @Test
  void signsAsTheStandardWebhooksSpecificationsExample() {
    String signature = WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330L, "{\"test\": 2432232314}");
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void secretsAreWhsecAndAtLeast24RandomBytes() {
    String secret = WebhookSignatures.newSecret();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
    assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
  }
}
