package io.stampede.platform.api;

import java.util.List;
import java.util.regex.Pattern;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.json.JsonObject;

/**
 * Reads fields of a JSON body the way the API promises: wrong types, missing fields and values out
 * of range are a 400 {@code VALIDATION_FAILED} naming the field, never an exception that becomes a 500.
 */
public final class Inputs {

  private Inputs() {
  }

  public static String string(JsonObject body, String field, int minLength, int maxLength) {
    Object value = body.getValue(field);
    if (!(value instanceof String s)) {
      throw invalid(field + " is required and must be a string");
    }
    int length = s.codePointCount(0, s.length());
    if (length < minLength || length > maxLength) {
      throw invalid(field + " must be " + minLength + " to " + maxLength + " characters");
    }
    return s;
  }

  public static String optionalString(JsonObject body, String field, int maxLength, String fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s) || s.codePointCount(0, s.length()) > maxLength) {
      throw invalid(field + " must be a string of at most " + maxLength + " characters");
    }
    return s;
  }

  public static String matching(JsonObject body, String field, Pattern pattern, String rule) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || !pattern.matcher(s).matches()) {
      throw invalid(field + " must be " + rule);
    }
    return s;
  }

  public static String oneOf(JsonObject body, String field, List<String> allowed) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || !allowed.contains(s)) {
      throw invalid(field + " must be one of " + String.join(", ", allowed));
    }
    return s;
  }

  public static StampedeException invalid(String detail) {
    return new StampedeException(ErrorCode.VALIDATION_FAILED, detail);
  }
}
