package io.stampede.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsSetupTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "openssl"})
  void eachEngineServesHttp2ByAlpnWithASelfSignedP256Certificate(String engine) throws Exception {
    assumeTrue(!engine.equals("openssl") || OpenSsl.isAvailable(), "BoringSSL loads on this system");
    TlsSetup tls = TlsSetup.of(engine, "", "");
    HttpServer server = vertx.createHttpServer(tls.applyTo(new HttpServerOptions().setPort(0).setHost("127.0.0.1")))
        .requestHandler(req -> req.response().end("ok")).listen().await();

    var client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
        .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    HttpClientResponse[] response = new HttpClientResponse[1];
    String body = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
        .compose(req -> req.send())
        .compose(resp -> {
          response[0] = resp;
          return resp.body();
        }).await(10, TimeUnit.SECONDS).toString();

    assertThat(body).isEqualTo("ok");
    assertThat(response[0].version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(response[0].request().connection().peerCertificates().get(0).getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(tls.selfSigned()).isTrue();
    assertThat(tls.engineName()).isEqualTo(engine.equals("jdk") ? "JDK TLS" : "BoringSSL");
  }

  @Test
  void autoPicksBoringSslWhereItLoads() {
    assertThat(TlsSetup.of("auto", "", "").engineName()).isEqualTo(OpenSsl.isAvailable() ? "BoringSSL" : "JDK TLS");
  }
}
