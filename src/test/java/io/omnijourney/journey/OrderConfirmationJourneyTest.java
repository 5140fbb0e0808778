package io.omnijourney.journey;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.END_COMPLETED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.END_THANK_YOU_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.HANDLE_UNDELIVERABLE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_THANK_YOU;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.Variables.FEEDBACK_URL;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_THANK_YOU;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WHATSAPP_NOT_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import io.omnijourney.support.PlaybookIds.OrderConfirmation;
import io.omnijourney.template.SmsSegments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of the order-confirmation playbook, run in the real application with the sandbox
 * provider, the thank-you through the real "Deliver with fallback" (channel policy, learned
 * channel, quiet hours). Sara's profile is in Persian, in Asia/Tehran.
 */
class OrderConfirmationJourneyTest extends JourneyTest {

  @Autowired Customers customers;

  @Test
  void smsDeliveredGoesStraightOnToTheInvoiceEmailAndTheThankYouCompletesTheJourney() {
    daytimeInTehran();
    ProcessInstance journey = startOrderConfirmation();

    executeJob(journey, SEND_SMS);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    executeJob(journey, WAIT_INVOICE);
    executeJob(journey, SEND_INVOICE);
    assertThat(journey).isWaitingAt(WAIT_THANK_YOU);
    assertThat(status(journey)).isEqualTo(JourneyStatus.ACTIVE);
    sendThankYou(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(WAIT_SMS, END_COMPLETED).hasNotPassed(SEND_WHATSAPP));
    // The thank-you is marketing: channel-policy.dmn's marketing row puts WhatsApp first.
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email", "whatsapp");
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
    assertThat(runtime.getVariable(journey.getId(), OrderConfirmation.Variables.THANK_YOU_DELAY)).isEqualTo("P2D");
    assertThat(runtime.getVariable(journey.getId(), OrderConfirmation.Variables.THANK_YOU_TIMEOUT)).isEqualTo("PT1H");
  }

  // --- The thank-you: two days after the invoice, marketing, through "Deliver with fallback" ---

  @Test
  void theThankYouGoesTwoDaysAfterTheInvoiceOnTheFirstMarketingChannelInTheCustomersLanguage() {
    daytimeInTehran();
    ProcessInstance journey = toTheInvoice(startOrderConfirmation(), at(2026, 11, 24, 12, 0));

    assertThat(job(journey, WAIT_THANK_YOU).getDuedate()).isEqualTo(at(2026, 11, 26, 12, 0));
    ClockUtil.setCurrentTime(at(2026, 11, 26, 12, 0));
    executeJob(journey, WAIT_THANK_YOU);
    ProcessInstance thankYou = calledBy(journey);
    assertThat(runtime.getVariables(thankYou.getId())).containsEntry(Vars.TEMPLATE, OrderConfirmation.Variables.THANK_YOU_TEMPLATE)
        .containsEntry(Vars.CATEGORY, "marketing").containsEntry("deliveryTimeout", "PT1H");
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(SEND_THANK_YOU, END_COMPLETED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email", "whatsapp");
    // No feedbackUrl was given: the thank-you asks for a reply, in Persian.
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("1001").contains("سپاسگزاریم")
        .contains("در پاسخ").doesNotContain("http");
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivery(journey, "whatsapp").template()).isEqualTo(OrderConfirmation.Variables.THANK_YOU_TEMPLATE);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void theThankYouGoesFirstOnTheChannelTheCustomerReadTheConfirmationOn() {
    daytimeInTehran();
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    // Sara read the SMS: it is her learned channel, ahead of the marketing row's WhatsApp.
    assertThat(report(delivery(journey, "sms").providerMessageId(), "read").getStatusCode().is2xxSuccessful()).isTrue();
    toTheInvoice(journey, at(2026, 11, 23, 12, 0));

    sendThankYou(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_COMPLETED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email", "sms");
    assertThat(outbox.list("sms", null).get(1).text()).contains("1001").contains("در پاسخ");
    assertThat(deliveriesOf(journey)).extracting(d -> d.template()).containsExactly(
        "order-confirmation", "order-invoice", OrderConfirmation.Variables.THANK_YOU_TEMPLATE);
  }

  @Test
  void noChannelTakingTheThankYouStillCompletesTheJourneyWithoutAnOperator() {
    daytimeInTehran();
    ProcessInstance journey = toTheInvoice(startOrderConfirmation(), at(2026, 11, 23, 12, 0));
    sandbox("*", Outcome.REJECT);

    executeJob(journey, WAIT_THANK_YOU);
    for (int i = 0; i < 3; i++) { // whatsapp, email, sms: Sara has no Telegram, Viber or push address
      sendNextChannel(journey);
    }
    ProcessInstance thankYou = calledBy(journey);
    executeJob(thankYou, DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(thankYou).isEnded().hasPassed(DeliverWithFallback.END_NOT_DELIVERED);
    assertThat(journey).isEnded().hasPassed(END_THANK_YOU_NOT_DELIVERED).hasNotPassed(END_COMPLETED);
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactly("sms", "email", "whatsapp", "email", "sms");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(journey.getBusinessKey()).count())
        .isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(HANDLE_UNDELIVERABLE).list())
        .noneMatch(task -> List.of(journey.getId(), thankYou.getId()).contains(task.getProcessInstanceId()));
    // The order was confirmed: the journey completed, even though the called diagram ended "not delivered".
    JsonNode view = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aThankYouDueAtNightWaitsForTheEndOfQuietHours() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 23, 0));
    ProcessInstance journey = toTheInvoice(startOrderConfirmation(), at(2026, 11, 23, 23, 0));

    executeJob(journey, WAIT_THANK_YOU);
    ProcessInstance thankYou = calledBy(journey);
    executeJob(thankYou, DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(thankYou).isWaitingAt(DeliverWithFallback.WAIT_CONTACT_WINDOW);
    assertThat(job(thankYou, DeliverWithFallback.WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 24, 8, 0));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email");

    ClockUtil.setCurrentTime(at(2026, 11, 24, 8, 0));
    executeJob(thankYou, DeliverWithFallback.WAIT_CONTACT_WINDOW);
    executeJob(thankYou, DeliverWithFallback.SEND);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_COMPLETED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email", "whatsapp");
    assertThat(delivery(journey, "whatsapp").policyNote()).startsWith("quiet hours 22:00-08:00 Asia/Tehran");
  }

  @Test
  void startedOverTheApiWithOnlyTheOrderNumberTheRussianCustomerIsThankedInRussianAndAskedToReply() {
    daytimeInTehran();
    JsonNode journey = startOverTheApi(Map.of("orderNumber", "3003", "smsTimeout", "PT10S"));

    JsonNode thankYou = thankedOverTheSandbox(journey);

    assertThat(thankYou.path("text").asText()).contains("спасибо за заказ *3003*").contains("просто ответьте")
        .doesNotContain("http");
  }

  @Test
  void startedOverTheApiWithAFeedbackUrlTheThankYouCarriesTheLink() {
    daytimeInTehran();
    String link = "https://shop.example.com/f/3004";
    JsonNode journey = startOverTheApi(Map.of("orderNumber", "3004", FEEDBACK_URL, link));

    JsonNode thankYou = thankedOverTheSandbox(journey);

    assertThat(thankYou.path("text").asText()).contains("3004").contains(link).doesNotContain("ответьте");
  }

  /** Starts an order confirmation for a Russian customer in Tehran over POST /api/journeys. */
  private JsonNode startOverTheApi(Map<String, Object> variables) {
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", OrderConfirmation.PLAYBOOK, "businessKey", "order-" + UUID.randomUUID(),
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", "+79161234567", "email", "ivan@example.com",
            "locale", "ru", "timeZone", "Asia/Tehran"),
        "variables", variables), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return started.getBody();
  }

  /**
   * Runs a journey started over the API through its SMS, invoice and thank-you, checking its view
   * on the way, and returns the thank-you as the sandbox took it.
   */
  private JsonNode thankedOverTheSandbox(JsonNode started) {
    String id = started.path("journeyId").asText();
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    toTheInvoice(journey, at(2026, 11, 23, 12, 0));
    assertThat(api().getForObject("/api/journeys/" + id, JsonNode.class).path("waitingAt").toString())
        .contains("Thank-you due (thankYouDelay)");

    sendThankYou(journey);

    eventually(() -> assertThat(api().getForObject("/api/journeys/" + id, JsonNode.class).path("status").asText())
        .isEqualTo("COMPLETED"));
    JsonNode sent = api().getForObject("/sandbox/outbox", JsonNode.class);
    List<String> channels = new java.util.ArrayList<>();
    sent.forEach(message -> channels.add(message.path("channel").asText()));
    assertThat(channels).containsExactly("sms", "email", "whatsapp");
    return sent.get(2);
  }

  /**
   * Sends the SMS (delivered by the sandbox) unless that was done, then the invoice when it falls
   * due at {@code invoiceAt} on the engine clock; the journey then waits for its thank-you.
   */
  private ProcessInstance toTheInvoice(ProcessInstance journey, java.util.Date invoiceAt) {
    if (job(journey, SEND_SMS) != null) {
      executeJob(journey, SEND_SMS);
    }
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE));
    ClockUtil.setCurrentTime(invoiceAt);
    executeJob(journey, WAIT_INVOICE);
    executeJob(journey, SEND_INVOICE);
    assertThat(journey).isWaitingAt(WAIT_THANK_YOU).hasPassed(SEND_INVOICE);
    return journey;
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
