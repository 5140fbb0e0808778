package io.omnijourney.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.support.JourneyTest;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An analyst's diagram that waits for a delivery but has no "delivery failed" path: a failure
 * report is recorded once as uncaught, the journey keeps waiting for its timer, and neither the
 * webhook nor the sweeper tries again and again.
 */
class UncaughtOutcomeTest extends JourneyTest {

  private static final String PROCESS = "waitsOnlyForConfirmation";

  @Autowired RepositoryService repository;
  @Autowired TestLedger ledger;
  private String deployment;

  @BeforeEach
  void deployADiagramWithoutAFailurePath() {
    BpmnModelInstance diagram = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .receiveTask("Wait").message(Messages.DELIVERY_CONFIRMED)
        .camundaInputParameter(Vars.DELIVERY_ID, "${deliveryId}")
        .endEvent()
        .done();
    deployment = repository.createDeployment().addModelInstance(PROCESS + ".bpmn", diagram).deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repository.deleteDeployment(deployment, true);
  }

  @Test
  void aFailureTheDiagramDoesNotCatchIsRecordedOnceAndTheJourneyKeepsWaiting() {
    String providerMessageId = "sbx-" + UUID.randomUUID();
    String deliveryId = ledger.accepted("sandbox", providerMessageId);
    ProcessInstance journey = runtime.startProcessInstanceByKey(PROCESS, Map.of(Vars.DELIVERY_ID, deliveryId));

    assertThat(report(providerMessageId, "failed").getStatusCode().is2xxSuccessful()).isTrue();

    Delivery delivery = ledger.find(deliveryId).orElseThrow();
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery.correlation()).isEqualTo(Correlation.UNCAUGHT);
    assertThat(journey).isWaitingAt("Wait");
    assertThat(ledger.findUnsettled(1000)).doesNotContain(deliveryId);
  }
}
