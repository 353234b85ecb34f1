package io.stampede.contracts.events;

/** A record that cannot be read as the event it claims to be; consumers park it instead of looping. */
public class EventDecodingException extends RuntimeException {

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
