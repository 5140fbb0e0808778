package io.omnijourney.delivery;

import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.delivery.Delivery.WaitFor;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the ledger's {@code wait_state} in step with the engine: it runs in the engine's
 * transaction when a journey starts or stops waiting for a delivery's report. When the wait starts,
 * it also arranges for a report that is already in the ledger (it beat the send's commit) to be
 * correlated as soon as the wait is committed.
 */
@Component
public class DeliveryWaits {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWaits.class);

  private final DeliveryLedger ledger;
  private final ReportCorrelation correlation;

  public DeliveryWaits(DeliveryLedger ledger, ReportCorrelation correlation) {
    this.ledger = ledger;
    this.correlation = correlation;
  }

  public void started(DelegateExecution execution) {
    String deliveryId = deliveryId(execution);
    if (deliveryId == null) {
      return;
    }
    ledger.waitStarted(deliveryId, execution.getId(), waitFor(execution));
    // The row is locked by this transaction from here on. An outcome reported before shows now,
    // and the journey is moved on right after this commit. A report recorded later waits for the
    // commit, and then its own correlation finds the wait. Most waits have nothing to correlate yet:
    // they cost no transaction after the commit.
    if (correlation.hasUnsettledOutcome(deliveryId) && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          try {
            correlation.correlate(deliveryId);
          } catch (RuntimeException e) {
            // The wait is committed; the sweeper correlates what this could not.
            log.warn("Delivery {}: correlation after commit failed: {}", deliveryId, e.toString());
          }
        }
      });
    }
  }

  public void ended(DelegateExecution execution) {
    String deliveryId = deliveryId(execution);
    if (deliveryId != null) {
      ledger.waitEnded(deliveryId);
    }
  }

  /** A receive task on {@code delivery-read} waits for "read"; any other for the delivery. */
  private static WaitFor waitFor(DelegateExecution execution) {
    return execution.getBpmnModelElementInstance() instanceof ReceiveTask task && task.getMessage() != null
        && Messages.DELIVERY_READ.equals(task.getMessage().getName()) ? WaitFor.READ : WaitFor.DELIVERY;
  }

  private static String deliveryId(DelegateExecution execution) {
    Object id = execution.getVariableLocal(Vars.DELIVERY_ID);
    return id == null ? null : id.toString();
  }
}
