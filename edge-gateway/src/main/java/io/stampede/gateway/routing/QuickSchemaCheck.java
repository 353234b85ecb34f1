package io.stampede.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;

/**
 * A shortcut past the general JSON-schema validator for the plain schemas most requests are
 * checked against (strings with lengths and patterns, bounded integers, booleans, string enums,
 * objects of such properties). Under an order burst the general validator took 8% of the event
 * loops' time to find that a three-field body was fine.
 *
 * <p>It only ever answers "surely valid". For anything else — a value it finds wrong, a schema
 * with a keyword it does not know, a number it cannot compare exactly — the caller runs the general
 * validator, which decides and words the 400. So this can make a valid request cheaper, never
 * change a verdict.
 */
final class QuickSchemaCheck {

  /** Words that describe a schema without constraining a value (the validator's own notes are skipped too). */
  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "example", "examples", "default",
      "deprecated", "readOnly", "writeOnly");
  /** Beyond this a long compared with a bound held as a double may not compare exactly. */
  private static final long EXACT_DOUBLE = 1L << 53;
  private static final Predicate<Object> UNSURE = value -> false;

  private final Predicate<Object> surelyValid;

  private QuickSchemaCheck(Predicate<Object> surelyValid) {
    this.surelyValid = surelyValid;
  }

  /** The check of a schema; one that is never sure when the schema uses anything it does not know. */
  static QuickSchemaCheck of(JsonSchema schema) {
    JsonObject keywords = new JsonObject();
    for (String name : schema.fieldNames()) {
      keywords.put(name, schema.get(name));
    }
    Predicate<Object> compiled = compile(keywords);
    return new QuickSchemaCheck(compiled == null ? UNSURE : compiled);
  }

  /** True only when the value is valid; false means "ask the general validator". */
  boolean surelyValid(Object value) {
    return surelyValid.test(value);
  }

  /** Whether it can ever be sure: false for schemas left entirely to the general validator. */
  boolean isUseful() {
    return surelyValid != UNSURE;
  }

  /** The schema as one predicate, or null if it has a keyword this does not know. */
  private static Predicate<Object> compile(JsonObject schema) {
    Object type = schema.getValue("type");
    List<Predicate<Object>> all = new ArrayList<>();
    for (Map.Entry<String, Object> keyword : schema) {
      String name = keyword.getKey();
      if (name.equals("type") || ANNOTATIONS.contains(name) || !JsonSchema.EXCLUDE_ANNOTATIONS.test(name)) {
        continue;
      }
      Predicate<Object> check = "string".equals(type) ? stringKeyword(name, keyword.getValue())
          : "integer".equals(type) ? integerKeyword(name, keyword.getValue())
          : "object".equals(type) ? objectKeyword(name, keyword.getValue()) : null;
      if (check == null) {
        return null;
      }
      all.add(check);
    }
    Predicate<Object> isOfType = switch (type instanceof String t ? t : "") {
      case "string" -> v -> v instanceof String;
      case "integer" -> v -> (v instanceof Integer || v instanceof Long)
          && Math.abs(((Number) v).longValue()) < EXACT_DOUBLE;
      case "boolean" -> v -> v instanceof Boolean;
      case "object" -> v -> v instanceof JsonObject;
      default -> null;
    };
    if (isOfType == null || (type.equals("boolean") && !all.isEmpty())) {
      return null;
    }
    return value -> {
      if (!isOfType.test(value)) {
        return false;
      }
      for (Predicate<Object> check : all) {
        if (!check.test(value)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<Object> stringKeyword(String name, Object bound) {
    return switch (name) {
      case "minLength" -> bound instanceof Integer min ? v -> codePoints(v) >= min : null;
      case "maxLength" -> bound instanceof Integer max ? v -> codePoints(v) <= max : null;
      case "pattern" -> bound instanceof String regex ? matcherOf(regex) : null;
      case "enum" -> bound instanceof JsonArray values && values.stream().allMatch(String.class::isInstance)
          ? values.getList()::contains : null;
      default -> null;
    };
  }

  private static Predicate<Object> integerKeyword(String name, Object bound) {
    if (!(bound instanceof Number limit)) {
      return null;
    }
    double at = limit.doubleValue();
    return switch (name) {
      case "minimum" -> v -> ((Number) v).longValue() >= at;
      case "maximum" -> v -> ((Number) v).longValue() <= at;
      default -> null;
    };
  }

  private static Predicate<Object> objectKeyword(String name, Object value) {
    return switch (name) {
      case "properties" -> value instanceof JsonObject properties ? propertiesCheck(properties) : null;
      case "required" -> value instanceof JsonArray names && names.stream().allMatch(String.class::isInstance)
          ? v -> names.stream().allMatch(n -> ((JsonObject) v).containsKey((String) n)) : null;
      default -> null;
    };
  }

  /** Each property that is there fits its schema; others are allowed (no additionalProperties). */
  private static Predicate<Object> propertiesCheck(JsonObject properties) {
    List<Map.Entry<String, Predicate<Object>>> checks = new ArrayList<>();
    for (Map.Entry<String, Object> property : properties) {
      Predicate<Object> check = property.getValue() instanceof JsonObject sub ? compile(sub) : null;
      if (check == null) {
        return null;
      }
      checks.add(Map.entry(property.getKey(), check));
    }
    return v -> {
      JsonObject object = (JsonObject) v;
      for (Map.Entry<String, Predicate<Object>> check : checks) {
        if (object.containsKey(check.getKey()) && !check.getValue().test(object.getValue(check.getKey()))) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<Object> matcherOf(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return v -> pattern.matcher((String) v).find();
  }

  private static int codePoints(Object v) {
    String s = (String) v;
    return s.codePointCount(0, s.length());
  }
}
