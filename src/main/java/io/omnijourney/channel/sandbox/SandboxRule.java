package io.omnijourney.channel.sandbox;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One sandbox rule: for messages on {@code channel} ("*" for any) to {@code recipient} ("*" for any,
 * or a pattern such as "+98*"), the sandbox answers with {@code outcome} and reports after
 * {@code delayMs}.
 */
public record SandboxRule(
    @NotBlank @Pattern(regexp = "\\*|sms|whatsapp|telegram|viber|email|push",
        message = "must be one of *, sms, whatsapp, telegram, viber, email, push") String channel,
    String recipient,
    @NotNull Outcome outcome,
    @Min(0) Long delayMs) {

  /** What the sandbox does with a message. */
  public enum Outcome {
    /** Accepted, then "delivered" is reported. */
    DELIVER,
    /** Accepted, then "delivered" and "read" are reported (for email: the customer opened it). */
    READ,
    /** Accepted, then "failed" is reported. */
    FAIL,
    /** Accepted, then nothing. */
    SILENT,
    /** A permanent error at once. */
    REJECT,
    /** A transient error at once, like a 503. */
    ERROR;

    /** Whether the sandbox takes the message (it gets a provider message id and is in the outbox as accepted). */
    public boolean accepts() {
      return this == DELIVER || this == READ || this == FAIL || this == SILENT;
    }

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean matches(String messageChannel, String messageRecipient) {
    return ("*".equals(channel) || channel.equals(messageChannel)) && recipientMatches(messageRecipient);
  }

  private boolean recipientMatches(String messageRecipient) {
    if (recipient == null || recipient.isEmpty() || "*".equals(recipient)) {
      return true;
    }
    String regex = Arrays.stream(recipient.split("\\*", -1))
        .map(java.util.regex.Pattern::quote)
        .collect(Collectors.joining(".*"));
    return messageRecipient != null && messageRecipient.matches(regex);
  }

  public long delay() {
    return delayMs == null ? 0 : delayMs;
  }
}
