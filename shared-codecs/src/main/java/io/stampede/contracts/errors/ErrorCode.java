package io.stampede.contracts.errors;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stable error codes of the public API, each with its HTTP status. Over the event bus an
 * error travels as a {@code ReplyException} whose failure code is {@link #wireCode()}: numbers are
 * fixed here, never derived from the enum order, so members of different versions agree.
 */
public enum ErrorCode {
  VALIDATION_FAILED(1, 400, "Validation failed"),
  UNAUTHORIZED(2, 401, "Unauthorized"),
  FORBIDDEN(3, 403, "Forbidden"),
  NOT_FOUND(4, 404, "Not found"),
  METHOD_NOT_ALLOWED(5, 405, "Method not allowed"),
  CONFLICT(6, 409, "Conflict"),
  USERNAME_TAKEN(7, 409, "Username taken"),
  SOLD_OUT(8, 409, "Sold out"),
  LIMIT_EXCEEDED(9, 409, "Per-user limit exceeded"),
  DROP_NOT_LIVE(10, 409, "Drop not live"),
  IDEMPOTENCY_IN_FLIGHT(11, 409, "Request with this idempotency key in flight"),
  IDEMPOTENCY_KEY_REUSED(12, 422, "Idempotency key reused with a different request"),
  PAYLOAD_TOO_LARGE(13, 413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(14, 415, "Unsupported media type"),
  RATE_LIMITED(15, 429, "Too many requests"),
  UNAVAILABLE(16, 503, "Service unavailable"),
  INTERNAL(17, 500, "Internal error");

  /** Failure codes on the bus are offset so they never collide with Vert.x's own small numbers. */
  private static final int WIRE_BASE = 4000;
  private static final Map<Integer, ErrorCode> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wireCode, Function.identity()));

  private final int id;
  private final int status;
  private final String title;

  ErrorCode(int id, int status, String title) {
    this.id = id;
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public int wireCode() {
    return WIRE_BASE + id;
  }

  /** The code a bus failure code stands for; {@code INTERNAL} for anything unknown. */
  public static ErrorCode fromWireCode(int wireCode) {
    return BY_WIRE.getOrDefault(wireCode, INTERNAL);
  }

  public static boolean isWireCode(int wireCode) {
    return BY_WIRE.containsKey(wireCode);
  }
}
