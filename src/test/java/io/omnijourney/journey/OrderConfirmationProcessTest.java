package io.omnijourney.journey;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.END_COMPLETED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.END_THANK_YOU_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.END_UNREACHABLE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.HANDLE_UNDELIVERABLE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.INVOICE_REJECTED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.PROCESS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_THANK_YOU;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_FAILED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_REJECTED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.UPDATE_CONTACT;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.Variables.THANK_YOU_DELAY;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.Variables.THANK_YOU_TEMPLATE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.Variables.THANK_YOU_TIMEOUT;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_THANK_YOU;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WHATSAPP_NOT_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.omnijourney.bpmn.Bpmn.Errors;
import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order-confirmation diagram on its own: a standalone in-memory engine, no Spring context, the
 * delegates replaced by mocks. Where {@code OrderConfirmationJourneyTest} proves that the
 * application runs the playbook, this test proves that the model routes every outcome of a send
 * to the right place, and that a delivery report moves only the wait it belongs to.
 *
 * <p>Nothing depends on time: there is no job executor, so each test executes the async sends and
 * fires the timers itself, and the engine clock stands still at {@link #NOW} unless a test moves it.
 *
 * <p>The thank-you is a call activity to "Deliver with fallback". Here a stand-in of that diagram
 * (deployed by {@link #deployDeliverWithFallbackStandIn}) records what the journey passes it and
 * ends delivered on {@link #thankYouDeliveredOn}, or on no channel; the real one, its channel order,
 * quiet hours and ending for marketing run in {@code OrderConfirmationJourneyTest}.
 */
@Deployment(resources = {"order-confirmation.bpmn", "handle-undeliverable-customer.form"})
class OrderConfirmationProcessTest {

  /** Not camunda.cfg.xml on purpose: see the comment in that file. */
  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("camunda-model-test.cfg.xml").build();

  private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
  private static final Duration SMS_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration WHATSAPP_TIMEOUT = Duration.ofMinutes(7);
  private static final Duration INVOICE_DELAY = Duration.ofHours(24);
  /** The diagram's default, P2D: two days after the invoice step. */
  private static final Duration THANK_YOU_DELAY_DEFAULT = Duration.ofDays(2);
  private static final String THANK_YOU_TIMEOUT_VALUE = "PT45M";

  /** Every channel the journey called "sendMessage" for, in order, rejected sends included. */
  private final List<String> sent = new ArrayList<>();
  /** Channels whose send the mock refuses for good, as a provider refuses an invalid number. */
  private final Set<String> rejected = new HashSet<>();
  /** Makes a rejection output no deliveryId, breaking SendMessageDelegate's contract on purpose. */
  private boolean rejectWithoutDeliveryId;
  /** What "updateContact" was given, one map per call. */
  private final List<Map<String, Object>> contactUpdates = new ArrayList<>();
  /** The variables the stand-in "Deliver with fallback" was started with, one map per call. */
  private final List<Map<String, Object>> thankYouCalls = new ArrayList<>();
  /** The channel the stand-in reports as delivered; null: no channel delivered. */
  private String thankYouDeliveredOn = "whatsapp";
  private String standInDeployment;

  @BeforeEach
  void mockDelegatesAndStopTheClock() {
    // Surefire runs the Spring Boot tests in the same JVM: once their engine is registered too,
    // BpmnAwareTests could not tell which engine to use, so tell it.
    BpmnAwareTests.init(engine.getProcessEngine());
    // The extension resets the clock after each test.
    engine.setCurrentTime(Date.from(NOW));

    // Like SendMessageDelegate: the task's "channel" input says where to send; the local
    // "deliveryId" becomes the task's output (smsDeliveryId, whatsappDeliveryId); a permanent
    // refusal is the BPMN error "delivery-rejected". Ids are made unique per journey by the counter.
    Mocks.register("sendMessage", (JavaDelegate) execution -> {
      String channel = (String) execution.getVariable(Vars.CHANNEL);
      sent.add(channel);
      // Set before a rejection is thrown, too, as SendMessageDelegate does: the engine evaluates
      // the task's output mapping ${deliveryId} even when the error boundary event catches the
      // error (skipOutputMappingOnCanceledActivities is false, the default, here as in the
      // application), and a missing deliveryId then fails the job instead of falling back.
      if (!(rejected.contains(channel) && rejectWithoutDeliveryId)) {
        execution.setVariableLocal(Vars.DELIVERY_ID, channel + "-" + sent.size());
      }
      if (rejected.contains(channel)) {
        throw new BpmnError(Errors.DELIVERY_REJECTED, channel + " refused by the provider");
      }
    });
    // Like UpdateContactDelegate: the corrected contact data moves to the customer profile (here:
    // a list) and out of the engine, and the decision goes so the next round starts with an empty form.
    Mocks.register("updateContact", (JavaDelegate) execution -> {
      Map<String, Object> update = new HashMap<>();
      for (String name : List.of(Vars.CORRECTED_PHONE, Vars.CORRECTED_WHATSAPP, Vars.CORRECTED_EMAIL)) {
        if (execution.hasVariable(name)) {
          update.put(name, execution.getVariable(name));
        }
        execution.removeVariable(name);
      }
      execution.removeVariable(Vars.OPERATOR_DECISION);
      contactUpdates.add(update);
    });
    // Like "Deliver with fallback": deliveredChannel is set only when a channel delivered.
    Mocks.register("deliverWithFallbackStandIn", (JavaDelegate) execution -> {
      thankYouCalls.add(new HashMap<>(execution.getVariables()));
      if (thankYouDeliveredOn != null) {
        execution.setVariable(Vars.DELIVERED_CHANNEL, thankYouDeliveredOn);
      }
    });
  }

  /**
   * A diagram under the key of "Deliver with fallback", deployed after the real one (if a test
   * deployed it), so the journey's call activity (binding latest) starts it. Built in code: no
   * .bpmn file may live under src/test/resources.
   */
  @BeforeEach
  void deployDeliverWithFallbackStandIn() {
    standInDeployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("deliver-with-fallback-stand-in.bpmn",
            org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(DeliverWithFallback.PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_StandIn").camundaDelegateExpression("${deliverWithFallbackStandIn}")
                .endEvent()
                .done())
        .deploy().getId();
  }

  @AfterEach
  void forgetMocks() {
    engine.getRepositoryService().deleteDeployment(standInDeployment, true);
    Mocks.reset();
    BpmnAwareTests.reset();
  }

  /**
   * Takes this engine out of the static ProcessEngines registry (the extension keeps it cached for
   * the next model test). Surefire runs the Spring Boot tests in this JVM too, and their
   * {@code JourneyTest.eventually} asserts with BpmnAwareTests on Awaitility's poller thread, where
   * {@code init(engine)} was never called: BpmnAwareTests then falls back to "the only registered
   * engine" and fails with "2 ProcessEngines initialized" if this one is still registered.
   */
  @AfterAll
  static void leaveTheEngineRegistryAsFound() {
    ProcessEngines.unregister(engine.getProcessEngine());
  }

  @Test
  void smsDeliveredWaitsTheInvoiceDelayThenEmailsTheInvoice() {
    ProcessInstance journey = start();
    sendSms(journey);

    confirmed(journey, "sms-1");

    assertThat(journey).isWaitingAt(WAIT_INVOICE).hasNotPassed(SEND_WHATSAPP);
    assertThat(job(WAIT_INVOICE, journey).getDuedate()).isEqualTo(Date.from(NOW.plus(INVOICE_DELAY)));
    execute(job(WAIT_INVOICE, journey));
    assertThat(journey).isWaitingAt(SEND_INVOICE);
    execute(job(SEND_INVOICE, journey));

    assertThat(journey).isWaitingAt(WAIT_THANK_YOU).hasNotPassed(INVOICE_REJECTED);
    thank(journey);
    assertThat(journey).isEnded().hasPassed(SEND_THANK_YOU, END_COMPLETED);
    assertThat(sent).containsExactly("sms", "email");
  }

  @Test
  void theThankYouIsDueTwoDaysAfterTheInvoice() {
    ProcessInstance journey = start();
    sendSms(journey);
    confirmed(journey, "sms-1");
    Instant invoiceDue = NOW.plus(INVOICE_DELAY);
    // The invoice goes out when its timer falls due; the thank-you counts from then.
    engine.setCurrentTime(Date.from(invoiceDue));
    execute(job(WAIT_INVOICE, journey));
    execute(job(SEND_INVOICE, journey));

    Job thankYouDue = job(WAIT_THANK_YOU, journey);
    assertThat(thankYouDue.getDuedate()).isEqualTo(Date.from(invoiceDue.plus(THANK_YOU_DELAY_DEFAULT)));
    assertThat(thankYouCalls).isEmpty();
    engine.setCurrentTime(thankYouDue.getDuedate());
    execute(thankYouDue);

    assertThat(thankYouCalls).hasSize(1);
    assertThat(journey).isEnded().hasPassed(WAIT_THANK_YOU, SEND_THANK_YOU, END_COMPLETED);
  }

  @Test
  void theThankYouGoesThroughDeliverWithFallbackAsMarketingWithTheJourneysVariables() {
    ProcessInstance journey = start();
    sendSms(journey);
    confirmed(journey, "sms-1");
    execute(job(WAIT_INVOICE, journey));
    execute(job(SEND_INVOICE, journey));

    thank(journey);

    assertThat(thankYouCalls).singleElement().satisfies(call -> assertThat(call)
        .containsEntry(Vars.TEMPLATE, THANK_YOU_TEMPLATE)
        .containsEntry(Vars.CATEGORY, "marketing")
        .containsEntry("deliveryTimeout", THANK_YOU_TIMEOUT_VALUE)
        .containsEntry(Vars.CUSTOMER_ID, "cust-1")
        .containsEntry("orderNumber", "1001"));
    assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
    assertThat(journey).isEnded().hasPassed(END_COMPLETED).hasNotPassed(END_THANK_YOU_NOT_DELIVERED);
  }

  @Test
  void noChannelTakingTheThankYouStillEndsTheJourneyWithoutAnOperator() {
    thankYouDeliveredOn = null;
    ProcessInstance journey = start();
    sendSms(journey);
    confirmed(journey, "sms-1");
    execute(job(WAIT_INVOICE, journey));
    execute(job(SEND_INVOICE, journey));

    thank(journey);

    assertThat(journey).isEnded().hasPassed(END_THANK_YOU_NOT_DELIVERED).hasNotPassed(END_COMPLETED);
    assertThat(taskService().createTaskQuery().count()).isZero();
    assertThat(sent).containsExactly("sms", "email");
  }

  @Test
  void smsFailedReportFallsBackToWhatsappWhichDeliversAndTheInvoiceFollows() {
    ProcessInstance journey = start();
    sendSms(journey);

    failed(journey, "sms-1");

    assertThat(journey).isWaitingAt(SEND_WHATSAPP).hasPassed(SMS_FAILED).hasNotPassed(SMS_NOT_DELIVERED);
    sendWhatsapp(journey);
    assertThat(runtimeService().getVariable(journey.getId(), "whatsappDeliveryId")).isEqualTo("whatsapp-2");
    confirmed(journey, "whatsapp-2");

    assertThat(journey).isWaitingAt(WAIT_INVOICE);
    execute(job(WAIT_INVOICE, journey));
    execute(job(SEND_INVOICE, journey));
    thank(journey);
    assertThat(journey).isEnded().hasPassed(END_COMPLETED);
    assertThat(sent).containsExactly("sms", "whatsapp", "email");
  }

  @Test
  void smsWithoutAnyReportFallsBackToWhatsappWhenTheSmsTimeoutFires() {
    ProcessInstance journey = start();
    sendSms(journey);

    Job timer = job(SMS_NOT_DELIVERED, journey);
    assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plus(SMS_TIMEOUT)));
    execute(timer);

    assertThat(journey).isWaitingAt(SEND_WHATSAPP).hasPassed(SMS_NOT_DELIVERED);
    sendWhatsapp(journey);
    assertThat(job(WHATSAPP_NOT_DELIVERED, journey).getDuedate()).isEqualTo(Date.from(NOW.plus(WHATSAPP_TIMEOUT)));
    assertThat(sent).containsExactly("sms", "whatsapp");
  }

  @Test
  void smsRejectedFallsBackToWhatsappAtOnceWithoutStartingTheSmsTimer() {
    rejected.add("sms");
    ProcessInstance journey = start();

    execute(job(SEND_SMS, journey));

    assertThat(journey).isWaitingAt(SEND_WHATSAPP).hasPassed(SMS_REJECTED).hasNotPassed(WAIT_SMS);
    // No SMS timer was ever created: the only job is the WhatsApp send.
    assertThat(managementService().createJobQuery().processInstanceId(journey.getId()).activityId(SMS_NOT_DELIVERED)
        .count()).isZero();
    assertThat(managementService().createJobQuery().processInstanceId(journey.getId()).count()).isEqualTo(1);
    assertThat(job(SEND_WHATSAPP, journey)).isNotNull();
    // The rejected delivery is still the SMS delivery of record, as the application's ledger has it.
    assertThat(runtimeService().getVariable(journey.getId(), "smsDeliveryId")).isEqualTo("sms-1");
    sendWhatsapp(journey);
    assertThat(sent).containsExactly("sms", "whatsapp");
  }

  @Test
  void whenWhatsappFailsTooAnOperatorHandlesTheCustomerAndCanCloseTheJourney() {
    ProcessInstance journey = start();
    sendSms(journey);
    failed(journey, "sms-1");
    sendWhatsapp(journey);
    execute(job(WHATSAPP_NOT_DELIVERED, journey));

    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE);
    Task task = taskService().createTaskQuery().processInstanceId(journey.getId()).initializeFormKeys().singleResult();
    assertThat(task).hasName("Handle undeliverable customer").hasCandidateGroup("operators");
    // formRefBinding="deployment": the form must come from the diagram's own deployment.
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo("handle-undeliverable-customer");
    assertThat(deployedForm(task)).contains("\"key\": \"decision\"");

    complete(task, withVariables(Vars.OPERATOR_DECISION, Vars.DECISION_CLOSE));

    assertThat(journey).isEnded().hasPassed(END_UNREACHABLE).hasNotPassed(UPDATE_CONTACT);
    assertThat(sent).containsExactly("sms", "whatsapp");
  }

  @Test
  void operatorRetryWithACorrectedPhoneSendsTheSmsAgain() {
    rejected.addAll(List.of("sms", "whatsapp"));
    ProcessInstance journey = start();
    execute(job(SEND_SMS, journey));
    execute(job(SEND_WHATSAPP, journey));
    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE);

    complete(task(journey), withVariables(Vars.OPERATOR_DECISION, Vars.DECISION_RETRY,
        Vars.CORRECTED_PHONE, "+79161234567"));

    assertThat(journey).isWaitingAt(SEND_SMS).hasPassed(UPDATE_CONTACT);
    assertThat(contactUpdates).containsExactly(Map.of(Vars.CORRECTED_PHONE, "+79161234567"));
    // Contact data lives in the customer profile only; the next operator round starts empty.
    assertThat(runtimeService().getVariables(journey.getId()))
        .doesNotContainKeys(Vars.OPERATOR_DECISION, Vars.CORRECTED_PHONE);
    rejected.clear();
    sendSms(journey);
    assertThat(sent).containsExactly("sms", "whatsapp", "sms");
    confirmed(journey, "sms-3");
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
  }

  @Test
  void smsDeliveredReportAfterTheTimerFiredMatchesNothingAndLeavesTheJourneyAlone() {
    ProcessInstance journey = start();
    sendSms(journey);
    execute(job(SMS_NOT_DELIVERED, journey));
    sendWhatsapp(journey);
    // The journey now waits for "delivery-confirmed" again, but for the WhatsApp delivery.

    assertThatThrownBy(() -> confirmed(journey, "sms-1")).isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThatThrownBy(() -> failed(journey, "sms-1")).isInstanceOf(MismatchingMessageCorrelationException.class);

    assertThat(journey).isWaitingAt(WAIT_WHATSAPP).hasNotPassed(WAIT_INVOICE);
    assertThat(job(WHATSAPP_NOT_DELIVERED, journey)).isNotNull();
    assertThat(sent).containsExactly("sms", "whatsapp");
  }

  @Test
  void whatsappDeliveredReportDoesNotMoveAJourneyWaitingForItsSms() {
    // A journey waits for an SMS while it has a WhatsApp delivery of its own only after an
    // operator retry: the late report of the first round's WhatsApp must not count for this SMS.
    rejected.add("sms");
    ProcessInstance journey = start();
    execute(job(SEND_SMS, journey));
    sendWhatsapp(journey);
    execute(job(WHATSAPP_NOT_DELIVERED, journey));
    complete(task(journey), withVariables(Vars.OPERATOR_DECISION, Vars.DECISION_RETRY));
    rejected.clear();
    sendSms(journey);
    assertThat(runtimeService().getVariables(journey.getId()))
        .containsEntry("whatsappDeliveryId", "whatsapp-2").containsEntry("smsDeliveryId", "sms-3");

    assertThatThrownBy(() -> confirmed(journey, "whatsapp-2"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThatThrownBy(() -> failed(journey, "whatsapp-2"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);

    assertThat(journey).isWaitingAt(WAIT_SMS);
    assertThat(job(SMS_NOT_DELIVERED, journey)).isNotNull();
    // The SMS's own report still moves it.
    confirmed(journey, "sms-3");
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
    assertThat(sent).containsExactly("sms", "whatsapp", "sms");
  }

  @Test
  void invoiceEmailRejectedStillThanksTheCustomerTwoDaysLater() {
    rejected.add("email");
    ProcessInstance journey = start();
    sendSms(journey);
    confirmed(journey, "sms-1");
    execute(job(WAIT_INVOICE, journey));

    execute(job(SEND_INVOICE, journey));

    // The customer was confirmed by SMS: the rejected invoice email does not end the journey.
    assertThat(journey).isWaitingAt(WAIT_THANK_YOU).hasPassed(INVOICE_REJECTED);
    assertThat(job(WAIT_THANK_YOU, journey).getDuedate()).isEqualTo(Date.from(NOW.plus(THANK_YOU_DELAY_DEFAULT)));
    thank(journey);
    assertThat(journey).isEnded().hasPassed(INVOICE_REJECTED, END_COMPLETED);
    assertThat(sent).containsExactly("sms", "email");
  }

  // The contract between the diagram and SendMessageDelegate that the rejection fallbacks rely on.
  @Test
  void aRejectionThatOutputsNoDeliveryIdFailsTheSendJobInsteadOfFallingBack() {
    rejected.add("sms");
    rejectWithoutDeliveryId = true;
    ProcessInstance journey = start();

    assertThatThrownBy(() -> execute(job(SEND_SMS, journey))).hasMessageContaining("${deliveryId}");

    // The whole job rolled back: no fallback, the send job waits for its retry (and becomes an
    // incident when the retries run out).
    assertThat(journey).isWaitingAt(SEND_SMS).hasNotPassed(SMS_REJECTED, SEND_WHATSAPP);
    assertThat(job(SEND_SMS, journey).getExceptionMessage()).contains("deliveryId");
  }

  private ProcessInstance start() {
    // In the application JourneyLifecyclePlugin (an engine plugin this standalone engine does not
    // have) fills these from the diagram's "default.*" process properties; here they are given,
    // with a WhatsApp timeout unlike the SMS one so that a test would see the two swapped.
    ProcessInstance journey = runtimeService().startProcessInstanceByKey(PROCESS, "order-1001", withVariables(
        Vars.CUSTOMER_ID, "cust-1",
        "orderNumber", "1001",
        "smsTimeout", SMS_TIMEOUT.toString(),
        "whatsappTimeout", WHATSAPP_TIMEOUT.toString(),
        "invoiceDelay", INVOICE_DELAY.toString(),
        THANK_YOU_DELAY, "P2D",
        THANK_YOU_TIMEOUT, THANK_YOU_TIMEOUT_VALUE));
    // asyncBefore: starting commits before anything is sent.
    assertThat(journey).isWaitingAt(SEND_SMS);
    assertThat(sent).isEmpty();
    return journey;
  }

  /** Executes the SMS send and checks the journey now waits for that delivery, its id as output. */
  private void sendSms(ProcessInstance journey) {
    execute(job(SEND_SMS, journey));
    assertThat(journey).isWaitingAt(WAIT_SMS);
    assertThat(runtimeService().getVariable(journey.getId(), "smsDeliveryId")).isEqualTo("sms-" + sent.size());
  }

  /** Fires the thank-you timer: the call to "Deliver with fallback" (the stand-in) runs at once. */
  private void thank(ProcessInstance journey) {
    assertThat(journey).isWaitingAt(WAIT_THANK_YOU);
    execute(job(WAIT_THANK_YOU, journey));
  }

  private void sendWhatsapp(ProcessInstance journey) {
    assertThat(journey).isWaitingAt(SEND_WHATSAPP);
    execute(job(SEND_WHATSAPP, journey));
    assertThat(journey).isWaitingAt(WAIT_WHATSAPP);
  }

  /**
   * The provider says delivered, for one delivery only. Production delivers the message to the
   * execution the ledger recorded for that delivery's wait; here, without the ledger, the wait's
   * local {@code deliveryId} input scopes the correlation the same way.
   */
  private MessageCorrelationResult confirmed(ProcessInstance journey, String deliveryId) {
    return report(journey, Messages.DELIVERY_CONFIRMED, deliveryId);
  }

  /** The provider says failed, for one delivery only (see {@link #confirmed}). */
  private MessageCorrelationResult failed(ProcessInstance journey, String deliveryId) {
    return report(journey, Messages.DELIVERY_FAILED, deliveryId);
  }

  private static MessageCorrelationResult report(ProcessInstance journey, String message, String deliveryId) {
    return runtimeService().createMessageCorrelation(message)
        .processInstanceId(journey.getId())
        .localVariableEquals(Vars.DELIVERY_ID, deliveryId)
        .correlateWithResult();
  }

  private static String deployedForm(Task task) {
    try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
