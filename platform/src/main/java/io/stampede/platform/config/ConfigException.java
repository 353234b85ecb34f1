package io.stampede.platform.config;

/** A configuration that cannot run; its message is the one line the launcher prints. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
