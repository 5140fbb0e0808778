package io.omnijourney.policy;

import io.omnijourney.bpmn.Bpmn.Vars;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a message is for. Transactional messages (codes, confirmations, reminders of a payment)
 * go at any hour and are not counted; marketing respects quiet hours and the frequency cap.
 * Opt-outs hold for both.
 */
public enum MessageCategory {
  TRANSACTIONAL,
  MARKETING;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code category} variable of the execution. */
  public static MessageCategory of(DelegateExecution execution) {
    Object value = execution.getVariable(Vars.CATEGORY);
    return fromId(value == null ? null : value.toString()).orElseThrow(() -> new IllegalArgumentException(
        execution.getCurrentActivityId() + ": the category must be transactional or marketing, not '" + value + "'"));
  }

  public static Optional<MessageCategory> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }
}
