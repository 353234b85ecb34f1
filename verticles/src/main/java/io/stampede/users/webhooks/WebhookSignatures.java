package io.stampede.users.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures of the Standard Webhooks specification: the secret is {@code whsec_} +
 * base64 of random bytes; the signature is {@code v1,} + base64 of HMAC-SHA256, keyed with those
 * bytes, of {@code "<webhook-id>.<webhook-timestamp>.<body>"}.
 */
public final class WebhookSignatures {

  private static final String PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignatures() {
  }

  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  public static String sign(String secret, String id, long timestampSeconds, String body) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
