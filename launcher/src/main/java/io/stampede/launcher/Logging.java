package io.stampede.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import org.slf4j.LoggerFactory;

/** Applies {@code log.format} and {@code log.level} once the configuration is known. */
final class Logging {

  private Logging() {
  }

  static void configure(StampedeConfig config, boolean verbose) {
    System.setProperty("stampede.log.appender", config.get(ConfigKeys.LOG_FORMAT).toUpperCase());
    System.setProperty("stampede.log.level", verbose ? "DEBUG" : config.get(ConfigKeys.LOG_LEVEL).toUpperCase());
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Logging.class.getResource("/logback.xml"));
    } catch (JoranException e) {
      context.getLogger("ROOT").setLevel(Level.WARN);
    }
  }
}
