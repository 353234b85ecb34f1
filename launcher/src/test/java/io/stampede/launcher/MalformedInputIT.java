package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stampede.contracts.errors.Problem;
import io.stampede.gateway.routing.PublicRoutes;
import io.stampede.gateway.routing.ServiceRoute;
import io.stampede.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every public route against input a careless or hostile client sends: the answer is a 4xx
 * problem document (or a success, where the input happens to be valid), never a 5xx.
 */
class MalformedInputIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  @Test
  void noInputMakesAnyRouteAnswer5xx() {
    List<String> failures = new ArrayList<>();
    for (ServiceRoute route : PublicRoutes.ALL) {
      for (Map.Entry<String, Payload> payload : payloads().entrySet()) {
        String token = route.access() == ServiceRoute.Access.SIGNED_IN
            ? member.api().signUp(ApiClient.unique("sweep"), "fan").getString("accessToken") : null;
        HttpResponse<Buffer> response = send(route, payload.getValue(), token);
        String what = route.method() + " " + route.path() + " with " + payload.getKey() + " -> " + response.statusCode();
        if (response.statusCode() >= 500) {
          failures.add(what + " " + response.bodyAsString());
        } else if (response.statusCode() >= 400 && !Problem.MEDIA_TYPE.equals(response.getHeader("content-type"))) {
          failures.add(what + " without problem+json");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aMegabyteBodyIs413AndAMissingTokenIs401() {
    for (ServiceRoute route : PublicRoutes.ALL) {
      if (!route.hasBody()) {
        continue;
      }
      HttpResponse<Buffer> big = send(route, new Payload("application/json", Buffer.buffer(new byte[1024 * 1024])), null);
      assertThat(big.statusCode()).as(route.path()).isEqualTo(413);
      assertThat(big.bodyAsJsonObject().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    }
    HttpResponse<Buffer> anonymous = send(PublicRoutes.ALL.stream().filter(r -> r.path().equals("/auth/logout")).findFirst()
        .orElseThrow(), new Payload("application/json", Buffer.buffer("{}")), null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentIsServedAndDescribesTheWholeApi() {
    HttpResponse<Buffer> doc = Await.result(member.web().get("/openapi.yaml").send());

    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.getHeader("content-type")).startsWith("application/yaml");
    String yaml = doc.bodyAsString();
    assertThat(yaml).startsWith("openapi: 3.1.0");
    for (String path : List.of("/auth/register", "/auth/login", "/auth/refresh", "/auth/logout", "/.well-known/jwks.json",
        "/users/{id}", "/users/{id}/follow", "/users/{id}/followers", "/users/{id}/following", "/users/{id}/devices",
        "/users/{id}/webhooks", "/creators/{id}", "/creators/{id}/products", "/creators/{id}/drops", "/drops/upcoming",
        "/drops/{id}", "/drops/{id}/cancel", "/orders", "/orders/{id}", "/orders/{id}/cancel", "/ws", "/health/ready",
        "/metrics", "/openapi.yaml")) {
      assertThat(yaml).as(path).contains("\n  " + path + ":");
    }
  }

  private static HttpResponse<Buffer> send(ServiceRoute route, Payload payload, String token) {
    var request = member.web().request(route.method(), route.path().replace(":id", "x"));
    if (payload.contentType() != null) {
      request.putHeader("content-type", payload.contentType());
    }
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return Await.result(route.method() == HttpMethod.GET ? request.send() : request.sendBuffer(payload.body()));
  }

  private static Map<String, Payload> payloads() {
    Map<String, Payload> p = new LinkedHashMap<>();
    p.put("broken JSON", json("{\"username\": "));
    p.put("an array", json("[1,2,3]"));
    p.put("null", json("null"));
    p.put("a string", json("\"hello\""));
    p.put("wrong types", json("{\"username\":123,\"password\":true,\"displayName\":[],\"role\":{},\"refreshToken\":5}"));
    p.put("huge numbers", json("{\"username\":1e400,\"password\":99999999999999999999999999999,\"refreshToken\":-1e308}"));
    p.put("huge strings", json("{\"username\":\"" + "a".repeat(60_000) + "\",\"password\":\"x\"}"));
    p.put("unicode", json("{\"username\":\"ünïcødé😀\",\"password\":\"пароль密码🔑\",\"displayName\":\"\\u0000\\ud800\","
        + "\"role\":\"fan\",\"refreshToken\":\"ü\"}"));
    p.put("deep nesting", json("[".repeat(5000) + "]".repeat(5000)));
    p.put("no content type", new Payload(null, Buffer.buffer("{\"username\":\"abc\",\"password\":\"abcdefgh\"}")));
    p.put("text/plain", new Payload("text/plain", Buffer.buffer("username=abc")));
    p.put("form", new Payload("application/x-www-form-urlencoded", Buffer.buffer("username=abc&password=abcdefgh")));
    p.put("empty body", json(""));
    return p;
  }

  private static Payload json(String body) {
    return new Payload("application/json", Buffer.buffer(body));
  }

  private record Payload(String contentType, Buffer body) {
  }
}
