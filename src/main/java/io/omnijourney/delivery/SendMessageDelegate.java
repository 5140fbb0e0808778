package io.omnijourney.delivery;

import io.omnijourney.journey.Bpmn.Errors;
import io.omnijourney.journey.Bpmn.Vars;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends one message of a journey through the channel named in the task's inputs
 * ({@code channel}, {@code template}), and outputs the {@code deliveryId} the wait correlates on and
 * {@code reportsDelivery}: whether there will be a report to wait for (not on Telegram or push).
 * A permanent refusal becomes the BPMN error {@code delivery-rejected}, which the diagram catches
 * to fall back; a transient one fails the job, which retries along its retry cycle.
 */
@Component("sendMessage")
class SendMessageDelegate implements JavaDelegate {

  private final Deliveries deliveries;

  SendMessageDelegate(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void execute(DelegateExecution execution) {
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
}
