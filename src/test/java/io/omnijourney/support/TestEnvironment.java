package io.omnijourney.support;

/** The test machine's settings from the environment, with the defaults of a developer's machine. */
public final class TestEnvironment {

  private TestEnvironment() {}

  /** The variable's value, or {@code fallback} when it is unset or blank. */
  public static String get(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
