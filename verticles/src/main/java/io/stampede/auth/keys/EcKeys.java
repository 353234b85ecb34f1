package io.stampede.auth.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/** P-256 keys for ES256: generated, or read from a PEM file, and written as JWKs. */
public final class EcKeys {

  private static final int COORDINATE_BYTES = 32;

  private EcKeys() {
  }

  public static SigningKey generate(String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      return toSigningKey(kid, (ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every JDK", e);
    }
  }

  /** Reads a PKCS#8 PEM private key ({@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}). */
  public static SigningKey fromPemFile(Path file, String kid) throws IOException {
    String pem = Files.readString(file);
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      ECPrivateKey priv = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      ECPublicKey pub = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(publicPoint(priv), priv.getParams()));
      return toSigningKey(kid, pub, priv);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " is not a PKCS#8 PEM P-256 private key", e);
    }
  }

  private static SigningKey toSigningKey(String kid, ECPublicKey pub, ECPrivateKey priv) {
    JsonObject publicJwk = new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", kid).put("alg", "ES256")
        .put("use", "sig").put("x", b64(pub.getW().getAffineX())).put("y", b64(pub.getW().getAffineY()));
    return new SigningKey(kid, publicJwk, publicJwk.copy().put("d", b64(priv.getS())));
  }

  /** The public point d·G, computed by affine double-and-add: the JDK gives no direct way. */
  private static ECPoint publicPoint(ECPrivateKey key) {
    ECParameterSpec spec = key.getParams();
    BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger a = spec.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = spec.getGenerator();
    BigInteger d = key.getS();
    for (int i = 0; i < d.bitLength(); i++) {
      if (d.testBit(i)) {
        result = add(result, addend, p, a);
      }
      addend = add(addend, addend, p, a);
    }
    return result;
  }

  private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return t;
    }
    if (t.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    BigInteger lambda;
    if (s.equals(t)) {
      lambda = s.getAffineX().pow(2).multiply(BigInteger.valueOf(3)).add(a)
          .multiply(s.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
    } else {
      if (s.getAffineX().equals(t.getAffineX())) {
        return ECPoint.POINT_INFINITY;
      }
      lambda = t.getAffineY().subtract(s.getAffineY())
          .multiply(t.getAffineX().subtract(s.getAffineX()).modInverse(p)).mod(p);
    }
    BigInteger x = lambda.pow(2).subtract(s.getAffineX()).subtract(t.getAffineX()).mod(p);
    BigInteger y = lambda.multiply(s.getAffineX().subtract(x)).subtract(s.getAffineY()).mod(p);
    return new ECPoint(x, y);
  }

  private static String b64(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[COORDINATE_BYTES];
    int copy = Math.min(raw.length, COORDINATE_BYTES);
    System.arraycopy(raw, raw.length - copy, fixed, COORDINATE_BYTES - copy, copy);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
