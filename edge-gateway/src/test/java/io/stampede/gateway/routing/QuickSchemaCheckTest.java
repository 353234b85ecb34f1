package io.stampede.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shortcut may only say "valid" where the general validator says valid: checked on every
 * schema of the real {@code openapi.yaml}, with values made to sit on and around each bound, of the
 * wrong type, missing or null.
 */
class QuickSchemaCheckTest {

  private static final int VALUES_PER_SCHEMA = 3000;
  private static final List<Object> TRICKY = List.of("abc\n", "ABC\n", "\nabc", "abc_def\n", "a\r\n", "ABC");
  private static final String[] PIECES = {"a", "Z", "7", " ", "~", "-", "é", "😀", "\n", "\t", "\u007f", "|"};

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private final Random random = new Random(71);

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).await().contract();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void neverCallsValidWhatTheValidatorRefuses() {
    SchemaRepository repository = contract.getSchemaRepository();
    int checked = 0;
    for (Operation operation : contract.operations()) {
      for (JsonSchema schema : schemasOf(operation)) {
        QuickSchemaCheck quick = QuickSchemaCheck.of(schema);
        if (!quick.isUseful()) {
          continue;
        }
        var full = repository.validator(schema);
        JsonObject keywords = keywordsOf(schema);
        for (int i = 0; i < VALUES_PER_SCHEMA + TRICKY.size(); i++) {
          // Java's $ also matches before a final line break: the shortcut must treat that as the validator does.
          Object value = i < TRICKY.size() ? TRICKY.get(i) : valueFor(keywords);
          if (quick.surelyValid(value)) {
            assertThat(full.validate(value).getValid()).as("%s: %s", operation.getOperationId(), value).isTrue();
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void takesTheShortcutForAnOrderAndItsIdempotencyKey() {
    Operation placeOrder = contract.operation("placeOrder");
    QuickSchemaCheck body = QuickSchemaCheck.of(placeOrder.getRequestBody().getContent().get("application/json").getSchema());
    QuickSchemaCheck key = QuickSchemaCheck.of(placeOrder.getParameters().get(0).getSchema());

    assertThat(body.surelyValid(new JsonObject().put("dropId", "d1").put("productId", "p1").put("quantity", 1))).isTrue();
    assertThat(key.surelyValid("fan-42-attempt-1")).isTrue();
    // Wrong ones are left to the validator, which words the 400.
    assertThat(body.surelyValid(new JsonObject().put("dropId", "d1").put("productId", "p1").put("quantity", 0))).isFalse();
    assertThat(body.surelyValid(new JsonObject().put("dropId", "d1").put("quantity", 1))).isFalse();
    assertThat(body.surelyValid(new JsonObject().put("dropId", "d1").put("productId", "p1").put("quantity", 1.5))).isFalse();
    assertThat(key.surelyValid("tab\there")).isFalse();
  }

  @Test
  void isNeverSureOfASchemaWithAKeywordItDoesNotKnow() {
    JsonSchema formatted = JsonSchema.of(new JsonObject().put("type", "string").put("format", "date-time"));
    JsonSchema closed = JsonSchema.of(new JsonObject().put("type", "object").put("additionalProperties", false));
    JsonSchema nested = JsonSchema.of(new JsonObject().put("type", "object")
        .put("properties", new JsonObject().put("x", new JsonObject().put("$ref", "#/defs/x"))));

    assertThat(QuickSchemaCheck.of(formatted).isUseful()).isFalse();
    assertThat(QuickSchemaCheck.of(closed).isUseful()).isFalse();
    assertThat(QuickSchemaCheck.of(nested).isUseful()).isFalse();
    assertThat(QuickSchemaCheck.of(formatted).surelyValid("2026-12-01T00:00:00Z")).isFalse();
  }

  private static List<JsonSchema> schemasOf(Operation operation) {
    List<JsonSchema> schemas = new ArrayList<>();
    for (Parameter p : operation.getParameters()) {
      schemas.add(p.getSchema());
    }
    if (operation.getRequestBody() != null) {
      MediaType json = operation.getRequestBody().getContent().get("application/json");
      if (json != null) {
        schemas.add(json.getSchema());
      }
    }
    return schemas;
  }

  private static JsonObject keywordsOf(JsonSchema schema) {
    JsonObject keywords = new JsonObject();
    schema.fieldNames().forEach(name -> keywords.put(name, schema.get(name)));
    return keywords;
  }

  /** A value for the schema: mostly of its type and near its bounds, sometimes not. */
  private Object valueFor(JsonObject schema) {
    if (random.nextInt(12) == 0) {
      return anyOtherValue();
    }
    return switch (String.valueOf(schema.getValue("type"))) {
      case "string" -> schema.containsKey("enum") && random.nextBoolean()
          ? schema.getJsonArray("enum").getValue(random.nextInt(schema.getJsonArray("enum").size()))
          : text(schema.getInteger("minLength", 0), schema.getInteger("maxLength", 40));
      case "integer" -> integer(schema.getNumber("minimum"), schema.getNumber("maximum"));
      case "boolean" -> random.nextBoolean();
      case "object" -> object(schema);
      default -> anyOtherValue();
    };
  }

  private JsonObject object(JsonObject schema) {
    JsonObject value = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (Map.Entry<String, Object> property : properties) {
      int fate = random.nextInt(20);
      if (fate == 0) {
        continue;
      }
      value.put(property.getKey(), fate == 1 ? null : valueFor((JsonObject) property.getValue()));
    }
    if (random.nextInt(10) == 0) {
      value.put("somethingElse", "x");
    }
    return value;
  }

  private String text(int min, int max) {
    int length = Math.max(0, min - 1 + random.nextInt(Math.min(max, 80) - min + 3));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(random.nextInt(4) == 0 ? PIECES[random.nextInt(PIECES.length)] : "k");
    }
    return s.toString();
  }

  private Object integer(Number min, Number max) {
    long low = min == null ? -1000 : min.longValue();
    long high = max == null ? 1000 : max.longValue();
    return switch (random.nextInt(8)) {
      case 0 -> low - 1;
      case 1 -> low;
      case 2 -> high;
      case 3 -> high + 1;
      case 4 -> (double) low + 0.5;
      case 5 -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.TEN);
      case 6 -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, low + random.nextInt(1000)));
      default -> Long.MAX_VALUE;
    };
  }

  private Object anyOtherValue() {
    return switch (random.nextInt(5)) {
      case 0 -> null;
      case 1 -> "text";
      case 2 -> 12;
      case 3 -> new JsonArray().add(1);
      default -> new JsonObject();
    };
  }
}
