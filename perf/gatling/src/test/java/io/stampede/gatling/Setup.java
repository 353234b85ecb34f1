package io.stampede.gatling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a simulation prepares before its users arrive (a creator, products, drops), through the
 * public API with the JDK's HTTP client, so the load itself is all Gatling's.
 */
final class Setup {

  static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  /** The same member's TLS port (HTTP/2 by ALPN, a self-signed certificate Gatling accepts); setup calls stay on {@link #BASE_URL}. */
  static final String TLS_URL = System.getProperty("tlsUrl", "https://127.0.0.1:8443");
  static final String PASSWORD = "gatling-pa55word";
  /** Makes usernames unique per run, so a simulation can run again against the same Stampede. */
  static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern STRING_FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

  private Setup() {
  }

  static int intProperty(String name, int fallback) {
    return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)));
  }

  /** Registers and signs in: {@code userId} and {@code accessToken}. */
  static Map<String, String> signUp(String name, String role) {
    String username = name + "_" + RUN;
    post("/auth/register", null, "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
        + "\",\"displayName\":\"" + name + "\",\"role\":\"" + role + "\"}", 201);
    String tokens = post("/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", 200);
    return Map.of("userId", field(tokens, "userId"), "accessToken", field(tokens, "accessToken"));
  }

  static String createProduct(Map<String, String> creator, String name, long priceCents) {
    return field(post("/creators/" + creator.get("userId") + "/products", creator.get("accessToken"),
        "{\"name\":\"" + name + "\",\"description\":\"gatling\",\"priceCents\":" + priceCents + ",\"currency\":\"EUR\"}",
        201), "id");
  }

  static String scheduleDrop(Map<String, String> creator, String productId, Instant startsAt, int stock, int limit) {
    return field(post("/creators/" + creator.get("userId") + "/drops", creator.get("accessToken"),
        "{\"startsAt\":\"" + startsAt + "\",\"items\":[{\"productId\":\"" + productId + "\",\"stock\":" + stock
            + ",\"perUserLimit\":" + limit + "}]}", 201), "id");
  }

  private static String post(String path, String token, String json, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach Stampede at " + BASE_URL + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile(String.format(STRING_FIELD.pattern(), name)).matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
