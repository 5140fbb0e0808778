package io.omnijourney.channel;

/**
 * Masks personal data and secrets before they reach a log line or an error message. Every phone
 * number, email address, chat id and token that code prints goes through here.
 */
public final class Mask {

  private Mask() {}

  /** {@code +989121234567} becomes {@code +98*******67}; {@code sara@example.com} becomes {@code s***@example.com}. */
  public static String recipient(String value) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    int at = value.indexOf('@');
    if (at > 0) {
      return value.charAt(0) + "***" + value.substring(at);
    }
    if (value.length() <= 4) {
      return "***";
    }
    int keepStart = value.startsWith("+") ? 3 : 1;
    return value.substring(0, keepStart)
        + "*".repeat(value.length() - keepStart - 2)
        + value.substring(value.length() - 2);
  }

  /**
   * A provider's own error text with every long run of digits (a phone number, a chat id) masked:
   * providers quote the recipient in their messages, and those become ledger errors, job
   * exceptions and incidents.
   */
  public static String numbersIn(String text) {
    return text == null ? null : text.replaceAll("\\+?\\d{7,}", "***");
  }

  /** Secrets show only that they are set. */
  public static String secret(String value) {
    return value == null || value.isEmpty() ? "(unset)" : "***";
  }
}
