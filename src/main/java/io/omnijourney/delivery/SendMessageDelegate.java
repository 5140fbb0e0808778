package io.omnijourney.delivery;

import io.omnijourney.bpmn.Bpmn.Errors;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.SetsVariables;
import io.omnijourney.policy.ContactWindow;
import io.omnijourney.policy.ContactWindow.Verdict;
import io.omnijourney.policy.MessageCategory;
import io.omnijourney.policy.SendTime;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Sends one message of a journey through the channel named in the task's inputs
 * ({@code channel}, {@code template}), and outputs the {@code deliveryId} the wait correlates on and
 * {@code reportsDelivery}: whether there will be a report to wait for (not on Telegram or push).
 * A permanent refusal becomes the BPMN error {@code delivery-rejected}, which the diagram catches
 * to fall back; a transient one fails the job, which retries along its retry cycle.
 */
@Component("sendMessage")
@SetsVariables({Vars.DELIVERY_ID, Vars.REPORTS_DELIVERY})
class SendMessageDelegate implements JavaDelegate {

  private final Deliveries deliveries;
  private final ContactWindow contactWindow;

  SendMessageDelegate(Deliveries deliveries, ContactWindow contactWindow) {
    this.deliveries = deliveries;
    this.contactWindow = contactWindow;
  }

  @Override
  public void execute(DelegateExecution execution) {
    holdOutsideTheContactWindow(execution);
    SendRequest request = SendRequest.from(execution);
    try {
      Delivery delivery = deliveries.send(request);
      execution.setVariableLocal(Vars.DELIVERY_ID, delivery.id());
      execution.setVariableLocal(Vars.REPORTS_DELIVERY, request.channel().reportsDelivery());
    } catch (SendFailure.Rejected rejected) {
      // The engine maps a task's outputs also when it ends with a BPMN error.
      execution.setVariableLocal(Vars.DELIVERY_ID, rejected.deliveryId());
      execution.setVariableLocal(Vars.REPORTS_DELIVERY, false);
      throw new BpmnError(Errors.DELIVERY_REJECTED, rejected.getMessage());
    }
  }

  /**
   * A send task with its own {@code category} input (the "Send message" element template): a
   * marketing send inside quiet hours waits here, its job due when they end, without using a retry;
   * one whose {@code sendAt} is {@code bestHour} waits the same way for the customer's best hour, and
   * goes when its job runs in that hour.
   * The frequency cap counts messages, which only "Deliver with fallback" knows (its fallbacks are
   * one message); it checks both before its send, as a timer.
   */
  private void holdOutsideTheContactWindow(DelegateExecution execution) {
    Object category = execution.getVariableLocal(Vars.CATEGORY);
    if (category == null) {
      return;
    }
    Verdict verdict = contactWindow.check((String) execution.getVariable(Vars.CUSTOMER_ID),
        MessageCategory.of(execution), null, SendTime.of(execution));
    if (verdict.sendAt() != null) {
      throw new SendFailure.Transient(null, "Not sent yet: " + verdict.reason(),
          Duration.between(ClockUtil.getCurrentTime().toInstant(), verdict.sendAt()), true);
    }
  }
}
