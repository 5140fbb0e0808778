package io.omnijourney.policy;

import io.omnijourney.bpmn.Bpmn.Vars;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * When a marketing message goes, as the analyst sets {@code sendAt} on its send step (or a start or
 * campaign sets it for the whole journey): when the playbook gets there, or at the customer's best
 * hour ({@link BestHour}). Either way quiet hours and the frequency cap still hold.
 */
public enum SendTime {
  PLAYBOOK_TIME,
  BEST_HOUR;

  /**
   * The execution's {@code sendAt}: {@code bestHour}, {@code playbookTime}, or nothing. In "Deliver
   * with fallback" the contact-window check replaces it with the moment it waited for: after that
   * wait it is the playbook's time, so a message waits for the best hour once, not at every channel.
   */
  public static SendTime of(DelegateExecution execution) {
    Object value = execution.getVariable(Vars.SEND_AT);
    if (Vars.BEST_HOUR.equals(value)) {
      return BEST_HOUR;
    }
    if (value == null || value instanceof Date || Vars.PLAYBOOK_TIME.equals(value) || "".equals(value)) {
      return PLAYBOOK_TIME;
    }
    throw new IllegalArgumentException(execution.getCurrentActivityId() + ": " + Vars.SEND_AT + " must be "
        + Vars.BEST_HOUR + " or " + Vars.PLAYBOOK_TIME + ", not '" + value + "'");
  }
}
