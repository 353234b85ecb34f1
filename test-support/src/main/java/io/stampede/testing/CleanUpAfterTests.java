package io.stampede.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Ends the run's infrastructure when JUnit's session closes, while the JVM is still healthy
 * (a shutdown hook in a forked test JVM may be cut short). Registered through
 * {@code META-INF/services}.
 */
public final class CleanUpAfterTests implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestInfra.closeIfStarted();
  }
}
