package io.stampede.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.stampede.platform.config.ConfigException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;

/**
 * How the TLS port encrypts: the certificate (the configured one, or a self-signed P-256 one made
 * at start) and the TLS implementation ({@code http.tls-engine}: BoringSSL, bundled for Linux x86-64,
 * or the JDK's). Handshakes run on worker threads, not on the event loops.
 *
 * <p>Why (perf/RESULTS.md, "A storm of TLS handshakes", perf/handshakes.sh): 3,000 new TLS connections at once, the
 * shape of fans opening the app before a drop, held the event loops for up to 8.6 s with the JDK's
 * TLS and a self-signed RSA-2048 certificate, and new orders on the member's other connections
 * waited as long (p99 6.7 s at 200 orders/s, 2,198 of 5,000 answered 503). With a P-256
 * certificate, BoringSSL and handshakes off the loops the same storm held a loop for at most
 * 358 ms (orders p99 215 ms, none refused) and its handshakes took 5.6 s instead of 8.6. An RSA
 * certificate of one's own still pays more per handshake than a P-256 one: prefer ECDSA
 * certificates for the TLS port.
 */
public final class TlsSetup {

  private final KeyCertOptions certificate;
  private final SSLEngineOptions engine;
  private final boolean selfSigned;

  private TlsSetup(KeyCertOptions certificate, SSLEngineOptions engine, boolean selfSigned) {
    this.certificate = certificate;
    this.engine = engine;
    this.selfSigned = selfSigned;
  }

  /**
   * {@code engine} is {@code auto} (BoringSSL where it loads, else the JDK), {@code openssl} or
   * {@code jdk}; empty {@code certFile}: a self-signed certificate for {@code localhost}.
   */
  public static TlsSetup of(String engine, String certFile, String keyFile) {
    SSLEngineOptions options = switch (engine) {
      case "jdk" -> new JdkSSLEngineOptions();
      case "openssl" -> {
        if (!OpenSSLEngineOptions.isAvailable()) {
          throw new ConfigException("http.tls-engine=openssl, but BoringSSL could not be loaded here ("
              + OpenSsl.unavailabilityCause() + "); use http.tls-engine=jdk or auto");
        }
        yield new OpenSSLEngineOptions();
      }
      default -> OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
    };
    options.setUseWorkerThread(true);
    boolean selfSigned = certFile.isEmpty();
    KeyCertOptions certificate = selfSigned ? selfSignedP256()
        : new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile);
    return new TlsSetup(certificate, options, selfSigned);
  }

  /** Sets up {@code options} to serve TLS, with HTTP/2 by ALPN. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options.setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate).setSslEngineOptions(engine);
  }

  /** For the start-up report: {@code BoringSSL} or {@code JDK TLS}. */
  public String engineName() {
    return engine instanceof OpenSSLEngineOptions ? "BoringSSL" : "JDK TLS";
  }

  public boolean selfSigned() {
    return selfSigned;
  }

  // Netty's generator is deprecated for tests' sake (netty-pkitesting replaces it); a member's
  // throwaway certificate is what it is for.
  @SuppressWarnings("deprecation")
  private static KeyCertOptions selfSignedP256() {
    SelfSignedCertificate made = null;
    try {
      made = new SelfSignedCertificate("localhost", "EC", 256);
      return new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(Files.readAllBytes(made.certificate().toPath())))
          .setKeyValue(Buffer.buffer(Files.readAllBytes(made.privateKey().toPath())));
    } catch (java.security.cert.CertificateException | IOException e) {
      throw new IllegalStateException("could not make a self-signed certificate: " + e.getMessage(), e);
    } finally {
      if (made != null) {
        made.delete();
      }
    }
  }
}
