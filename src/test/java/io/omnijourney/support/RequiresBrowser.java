package io.omnijourney.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where the machine has Chromium and its chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}: {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver},
 * or {@code OMNIJOURNEY_TEST_CHROMIUM} and {@code OMNIJOURNEY_TEST_CHROMEDRIVER}). Without them the
 * class is skipped and says why, unless {@code -Dbrowser.required=true} (as CI sets it): then the
 * missing browser fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBrowser.Condition.class)
public @interface RequiresBrowser {

  /** Where the browser and its driver are. */
  final class Binaries {
    public static final Path CHROMIUM = Path.of(TestEnvironment.get("OMNIJOURNEY_TEST_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(TestEnvironment.get("OMNIJOURNEY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Binaries() {}
  }

  /** Decides before the Spring context is built, so a missing browser costs nothing. */
  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      for (Path binary : new Path[] {Binaries.CHROMIUM, Binaries.CHROMEDRIVER}) {
        if (!Files.isExecutable(binary)) {
          String why = "No " + binary + " (apt-get install chromium chromium-driver)";
          if (Boolean.getBoolean("browser.required")) {
            throw new IllegalStateException(why + "; -Dbrowser.required=true makes this a failure");
          }
          return ConditionEvaluationResult.disabled(why + "; skipped. CI sets -Dbrowser.required=true.");
        }
      }
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are at " + Binaries.CHROMIUM + ", "
          + Binaries.CHROMEDRIVER);
    }
  }
}
