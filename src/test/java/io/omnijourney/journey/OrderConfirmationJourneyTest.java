package io.omnijourney.journey;

import static io.omnijourney.journey.Bpmn.OrderConfirmation.HANDLE_UNDELIVERABLE;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.SEND_INVOICE;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.SEND_SMS;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.WAIT_SMS;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.WAIT_WHATSAPP;
import static io.omnijourney.journey.Bpmn.OrderConfirmation.WHATSAPP_NOT_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.template.SmsSegments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of the order-confirmation playbook, run in the real application with the sandbox provider. */
class OrderConfirmationJourneyTest extends JourneyTest {

  @Autowired Customers customers;

  @Test
  void smsDeliveredGoesStraightOnToTheInvoiceEmail() {
    ProcessInstance journey = startOrderConfirmation();

    executeJob(journey, SEND_SMS);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    executeJob(journey, WAIT_INVOICE);
    executeJob(journey, SEND_INVOICE);

    assertThat(journey).isEnded().hasPassed(WAIT_SMS).hasNotPassed(SEND_WHATSAPP);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email");
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.CORRELATED);
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.COMPLETED);
    // The SMS's parts are its cost: counted on the text that went out (Persian: UCS-2) and kept.
    String sms = outbox.list("sms", null).get(0).text();
    assertThat(delivery(journey, "sms").segments()).isEqualTo(SmsSegments.count(sms)).isPositive();
  }

  @Test
  void smsFailedFallsBackToWhatsapp() {
    sandbox("sms", Outcome.FAIL);
    ProcessInstance journey = startOrderConfirmation();

    executeJob(journey, SEND_SMS);
    eventually(() -> assertThat(journey).isWaitingAt(SEND_WHATSAPP));
    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));

    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "whatsapp");
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void smsSilentUntilTheTimerFallsBackToWhatsapp() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation(Map.of("smsTimeout", "PT10S"));

    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(WAIT_SMS);
    executeJob(journey, SMS_NOT_DELIVERED);
    assertThat(journey).isWaitingAt(SEND_WHATSAPP);
    executeJob(journey, SEND_WHATSAPP);

    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "whatsapp");
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void smsRejectedFallsBackAtOnceWithoutWaitingForTheTimer() {
    sandbox("sms", Outcome.REJECT);
    ProcessInstance journey = startOrderConfirmation();

    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(SEND_WHATSAPP).hasNotPassed(WAIT_SMS);
    assertThat(job(journey, SMS_NOT_DELIVERED)).isNull();
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.REJECTED);
  }

  @Test
  void everyChannelFailingAsksAnOperatorWhoCanCloseTheJourney() throws Exception {
    sandbox("sms", Outcome.REJECT);
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = reachOperator();

    var task = engine.getTaskService().createTaskQuery().processInstanceId(journey.getId()).initializeFormKeys()
        .singleResult();
    assertThat(task).hasName("Handle undeliverable customer");
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo("handle-undeliverable-customer");
    assertThat(new String(engine.getFormService().getDeployedTaskForm(task.getId()).readAllBytes()))
        .contains("\"key\": \"decision\"");
    complete(task(journey), Map.of("decision", "close"));

    assertThat(journey).isEnded();
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void operatorRetryWithCorrectedContactDataSendsTheSmsAgain() {
    sandbox("sms", Outcome.REJECT);
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = reachOperator();

    complete(task(journey), Map.of("decision", "retry", "correctedPhone", "+7 916 123-45-67"));
    assertThat(journey).isWaitingAt(SEND_SMS);
    sandboxRules.replace(java.util.List.of());
    executeJob(journey, SEND_SMS);

    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    assertThat(outbox.list("sms", null)).extracting(Entry::recipient).containsExactly("+989121234567", "+79161234567");
    assertThat(customers.find(customerOf(journey)).orElseThrow().phone()).isEqualTo("+79161234567");
    assertThat(runtime.getVariables(journey.getId())).doesNotContainKeys("correctedPhone", "decision");
  }

  @Test
  void lateSmsDeliveredAfterTheFallbackIsRecordedAndSendsNothingAgain() {
    sandbox("sms", Outcome.SILENT);
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    executeJob(journey, SMS_NOT_DELIVERED);
    executeJob(journey, SEND_WHATSAPP);

    var answer = report(delivery(journey, "sms").providerMessageId(), "delivered");

    assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivery(journey, "sms").late()).isTrue();
    assertThat(journey).isWaitingAt(WAIT_WHATSAPP);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "whatsapp");
  }

  @Test
  void timeoutsDefaultToTheDiagramsValues() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);

    Instant due = job(journey, SMS_NOT_DELIVERED).getDuedate().toInstant();
    assertThat(due).isCloseTo(Instant.now().plus(5, ChronoUnit.MINUTES), within(30, ChronoUnit.SECONDS));
    assertThat(runtime.getVariable(journey.getId(), "invoiceDelay")).isEqualTo("PT24H");
  }

  private ProcessInstance reachOperator() {
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, WHATSAPP_NOT_DELIVERED);
    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE);
    return journey;
  }
}
