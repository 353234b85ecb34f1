package io.stampede.platform.infra;

/**
 * A store the member needs is missing or unreachable at start. The message is one line that names
 * it and says how to point Stampede at it; the launcher prints it and exits non-zero.
 */
public class InfrastructureException extends RuntimeException {

  public InfrastructureException(String message, Throwable cause) {
    super(message, cause);
  }
}
