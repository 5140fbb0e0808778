package io.omnijourney.policy;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.SetsVariables;
import io.omnijourney.policy.ContactWindow.Verdict;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check quiet hours and frequency cap": sets {@code sendAt} to when the message may go, or to null
 * when it may go now (a {@code sendAt} of {@code bestHour} first waits for the customer's best hour); the diagram's timer waits for it. The reason is added to {@code policyNote},
 * which the send records on its delivery.
 */
@Component("checkContactWindow")
@SetsVariables({Vars.SEND_AT, Vars.POLICY_NOTE})
class ContactWindowDelegate implements JavaDelegate {

  private final ContactWindow window;

  ContactWindowDelegate(ContactWindow window) {
    this.window = window;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Verdict verdict = window.check((String) execution.getVariable(Vars.CUSTOMER_ID), MessageCategory.of(execution),
        execution.getProcessInstanceId(), SendTime.of(execution));
    if (verdict.sendAt() == null) {
      execution.setVariable(Vars.SEND_AT, null);
      return;
    }
    execution.setVariable(Vars.SEND_AT, Date.from(verdict.sendAt()));
    Object note = execution.getVariable(Vars.POLICY_NOTE);
    execution.setVariable(Vars.POLICY_NOTE, note == null ? verdict.reason() : note + "; " + verdict.reason());
  }
}
