package io.stampede.gateway.realtime;

/** Application close codes of {@code /ws} (4000–4999 are the application's own range). */
final class CloseCodes {

  /** Nothing (not even a pong) came from the client for the idle timeout. */
  static final short IDLE = 4000;
  /** The access token expired or was revoked; reconnect with a fresh one. */
  static final short UNAUTHORIZED = 4001;
  /** The client did not read fast enough: its queue overflowed or stayed stuck past the stall limit. */
  static final short TOO_SLOW = 4008;

  private CloseCodes() {
  }
}
