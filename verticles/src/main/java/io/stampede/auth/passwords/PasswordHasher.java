package io.stampede.auth.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/**
 * PBKDF2-HMAC-SHA256 (the JDK's implementation) with a per-password salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}. Hashing is slow on purpose, so it runs on a
 * dedicated worker pool and never on an event loop. Checking a login for an unknown user costs
 * the same as for a known one: it is checked against a hash made at start.
 */
public final class PasswordHasher {

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final WorkerExecutor workers;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();
  private final String decoy;

  public PasswordHasher(WorkerExecutor workers, int iterations) {
    this.workers = workers;
    this.iterations = iterations;
    this.decoy = hashNow("not a password anyone has");
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> hashNow(password), false);
  }

  /** Whether {@code password} matches {@code stored}; {@code stored == null} (no such user) is checked against a decoy. */
  public Future<Boolean> verify(String password, String stored) {
    return workers.executeBlocking(() -> {
      boolean matches = matches(password, stored == null ? decoy : stored);
      return stored != null && matches;
    }, false);
  }

  private String hashNow(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  private static boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }

  /** SHA-256 of a token, base64url: how refresh tokens are stored. */
  public static String sha256(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
