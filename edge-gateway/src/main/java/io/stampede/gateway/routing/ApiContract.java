package io.stampede.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * The OpenAPI 3.1 document of the public API: served exactly as written, and used to validate
 * requests. vertx-openapi 5.0 refuses response media types it cannot validate (problem+json,
 * yaml); only requests are validated here, so the validator reads a copy with those response
 * types renamed to ones it knows.
 */
public record ApiContract(Buffer document, OpenAPIContract contract) {

  private static final String RESOURCE = "/openapi.yaml";
  private static final Map<String, String> VALIDATOR_MEDIA_TYPES = Map.of(
      "application/problem+json", "application/json",
      "application/yaml", "text/plain");

  public static Future<ApiContract> load(Vertx vertx) {
    Buffer document = read();
    return OpenAPIContract.from(vertx, forValidator(document))
        .map(contract -> new ApiContract(document, contract));
  }

  private static JsonObject forValidator(Buffer yaml) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(yaml.getBytes(), Map.class);
      JsonObject json = new JsonObject(tree);
      renameMediaTypes(json);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.yaml is not valid YAML", e);
    }
  }

  private static void renameMediaTypes(Object node) {
    if (node instanceof JsonObject object) {
      JsonObject content = object.getJsonObject("content");
      if (content != null) {
        VALIDATOR_MEDIA_TYPES.forEach((from, to) -> {
          Object media = content.remove(from);
          if (media != null && !content.containsKey(to)) {
            content.put(to, media);
          }
        });
      }
      object.forEach(entry -> renameMediaTypes(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(ApiContract::renameMediaTypes);
    } else if (node instanceof Map<?, ?> map) {
      renameMediaTypes(new JsonObject((Map<String, Object>) map));
    }
  }

  private static Buffer read() {
    try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
