package io.omnijourney.playbooks;

import static io.omnijourney.bpmn.Bpmn.Events.CUSTOMER_REPLIED;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.END_NO_REPLY;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.END_OPTED_OUT;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.END_REPLIED;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.END_UNREACHABLE;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.NO_REPLY_TO_EMAIL;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.NO_REPLY_TO_SMS;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.NO_REPLY_TO_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.SEND_EMAIL;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.WAIT_REPLY_TO_EMAIL;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.WAIT_REPLY_TO_SMS;
import static io.omnijourney.support.PlaybookIds.AfterSalesFeedback.WAIT_REPLY_TO_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.inbox.CustomerMessages.CustomerWrote;
import io.omnijourney.journey.CustomerReplies;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * After-sales feedback: a WhatsApp thank-you asking for feedback, then a short email, then a last
 * SMS, each after replyTimeout without a reply; a channel that refuses is skipped at once, and one
 * the provider reports failed is skipped as soon as the report comes; the customer's reply, on any
 * channel (a message through a provider's signed webhook, or an application's customer-replied
 * event), ends the journey at "Reply recorded". Feedback requests are sent at once whatever the
 * hour, so these tests need no engine clock.
 */
class AfterSalesFeedbackJourneyTest extends JourneyTest {

  @Autowired CustomerMessages inbox;
  @Autowired CustomerReplies replies;
  @Autowired ApplicationEventMulticaster events;
  @Autowired JdbcClient jdbc;

  @Test
  void theWhatsappThankYouGoesFirstAndWaitsReplyTimeoutForAnAnswer() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_WHATSAPP);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("A-1001", "https://shop.example.com/feedback/A-1001");
    // The default replyTimeout (P2D) from the diagram, since the start did not pass one.
    Instant due = job(journey, NO_REPLY_TO_WHATSAPP).getDuedate().toInstant();
    assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofHours(47), Duration.ofHours(49));
  }

  @Test
  void noReplyAnywhereSendsWhatsappThenEmailThenALastSmsAndEnds() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_EMAIL);
    executeJob(journey, NO_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_SMS);
    executeJob(journey, NO_REPLY_TO_SMS);

    assertThat(journey).isEnded().hasPassed(END_NO_REPLY).hasNotPassed(END_REPLIED, END_UNREACHABLE);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "email", "sms");
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aReplyToTheWhatsappEndsItAndIsRecorded() {
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);

    assertThat(reply(journey, "whatsapp")).isEqualTo(1);

    assertThat(journey).isEnded().hasPassed(END_REPLIED).hasNotPassed(SEND_EMAIL);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(recordedReplies(journey)).isEqualTo(1);
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aReplyAfterTheEmailEndsItBeforeTheSms() {
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);

    reply(journey, "email");

    assertThat(journey).isEnded().hasPassed(END_REPLIED).hasNotPassed(SEND_SMS);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "email");
    assertThat(recordedReplies(journey)).isEqualTo(1);
  }

  @Test
  void aReplyAfterTheLastSmsEndsItAsReplied() {
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    executeJob(journey, NO_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);

    reply(journey, "sms");

    assertThat(journey).isEnded().hasPassed(END_REPLIED).hasNotPassed(END_NO_REPLY);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "email", "sms");
  }

  @Test
  void aReplyBeforeTheWhatsappWentOutSendsNothing() {
    ProcessInstance journey = start();

    reply(journey, "telegram");

    assertThat(journey).isEnded().hasPassed(END_REPLIED).hasNotPassed(SEND_WHATSAPP);
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void aReplyForAnotherJourneyLeavesThisOneWaiting() {
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);

    ResponseEntity<JsonNode> answer = api().postForEntity("/api/events",
        Map.of("name", CUSTOMER_REPLIED, "businessKey", "feedback-someone-else"), JsonNode.class);

    assertThat(answer.getBody().path("correlated").asInt()).isZero();
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_WHATSAPP);
  }

  @Test
  void aRefusedWhatsappGoesStraightToTheEmail() {
    sandbox("whatsapp", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isWaitingAt(SEND_EMAIL).hasNotPassed(WAIT_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_EMAIL);
  }

  @Test
  void aRefusedEmailGoesStraightToTheSms() {
    sandbox("email", Outcome.REJECT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);

    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isWaitingAt(SEND_SMS).hasNotPassed(WAIT_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_SMS);
  }

  @Test
  void aRefusedLastSmsAfterAnEarlierMessageWentOutEndsWithoutFeedbackNotFailed() {
    sandbox("sms", Outcome.REJECT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    executeJob(journey, NO_REPLY_TO_EMAIL);

    executeJob(journey, SEND_SMS);

    assertThat(journey).isEnded().hasPassed(END_NO_REPLY).hasNotPassed(WAIT_REPLY_TO_SMS, END_UNREACHABLE);
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void everyChannelRefusingEndsTheJourneyAsFailed() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    executeJob(journey, SEND_SMS);

    assertThat(journey).isEnded().hasPassed(END_UNREACHABLE).hasNotPassed(END_NO_REPLY);
    assertThat(deliveriesOf(journey)).extracting(d -> d.channel().id() + ":" + d.status())
        .containsExactlyInAnyOrder("whatsapp:REJECTED", "email:REJECTED", "sms:REJECTED");
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
  }

  // ---- replies from the inbox ----

  @Test
  void aWhatsappReplyThroughTheSignedWebhookEndsTheJourneyAndIsRecordedWithIt() {
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);
    String wamid = "wamid.reply-" + UUID.randomUUID();

    ResponseEntity<String> answer = postWhatsappWebhook(whatsappMessage(customer.phone(), wamid, "Very happy, thanks"));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(journey).isEnded().hasPassed(END_REPLIED).hasNotPassed(SEND_EMAIL, END_OPTED_OUT);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    long messageId = inbox.find("whatsapp", wamid).orElseThrow().id();
    JsonNode shown = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(shown.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(shown.path("reply").path("messageId").asLong()).isEqualTo(messageId);
    assertThat(shown.path("reply").path("channel").asText()).isEqualTo("whatsapp");
    assertThat(shown.path("reply").path("optOut").asBoolean()).isFalse();
    assertThat(shown.path("reply").path("text").asText()).isEqualTo("Very happy, thanks");
    // WhatsApp's own timestamp of the message (1750857384), not the time it reached us.
    assertThat(OffsetDateTime.parse(shown.path("reply").path("repliedAt").asText()).toEpochSecond())
        .isEqualTo(1750857384L);
  }

  @Test
  void aReplyOnAnotherChannelEndsEveryWaitingJourneyOfThatCustomerAndNoOtherCustomers() {
    CustomerUpdate sara = newCustomer();
    CustomerUpdate someoneElse = newCustomer();
    ProcessInstance firstOrder = start(sara);
    ProcessInstance secondOrder = start(sara);
    ProcessInstance otherCustomers = start(someoneElse);
    executeJob(firstOrder, SEND_WHATSAPP);
    executeJob(firstOrder, NO_REPLY_TO_WHATSAPP);
    executeJob(firstOrder, SEND_EMAIL);
    executeJob(otherCustomers, SEND_WHATSAPP);
    long updateId = newUpdateId();

    ResponseEntity<String> answer = postTelegramWebhook(
        telegramUpdate(updateId, sara.telegramChatId(), "All good"), telegramSecret);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    long messageId = inbox.find("telegram", String.valueOf(updateId)).orElseThrow().id();
    for (ProcessInstance saras : List.of(firstOrder, secondOrder)) {
      assertThat(saras).isEnded().hasPassed(END_REPLIED);
      assertThat(records.reply(saras.getId())).hasValueSatisfying(reply -> {
        assertThat(reply.messageId()).isEqualTo(messageId);
        assertThat(reply.channel()).isEqualTo("telegram");
      });
    }
    assertThat(firstOrder).hasNotPassed(SEND_SMS);
    assertThat(otherCustomers).isWaitingAt(WAIT_REPLY_TO_WHATSAPP);
    assertThat(records.reply(otherCustomers.getId())).isEmpty();
  }

  @Test
  void aWebhookRetryOfTheSameMessageIsNoSecondReply() {
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);
    String update = telegramUpdate(newUpdateId(), customer.telegramChatId(), "Thanks!");
    List<CustomerWrote> announced = new CopyOnWriteArrayList<>();
    ApplicationListener<PayloadApplicationEvent<CustomerWrote>> listener = event -> {
      if (event.getPayload().customerId().equals(customer.id())) {
        announced.add(event.getPayload());
      }
    };
    events.addApplicationListener(listener);
    ProcessInstance later;
    try {
      assertThat(postTelegramWebhook(update, telegramSecret).getStatusCode().value()).isEqualTo(200);
      assertThat(journey).isEnded().hasPassed(END_REPLIED);
      later = start(customer);

      assertThat(postTelegramWebhook(update, telegramSecret).getStatusCode().value()).isEqualTo(200);
      replies.sweep();
    } finally {
      events.removeApplicationListener(listener);
    }

    assertThat(announced).as("the retry is stored once and announced once").hasSize(1);
    assertThat(inbox.ofCustomer(customer.id())).hasSize(1);
    assertThat(replies.correlate(announced.get(0).messageId())).as("already correlated").isZero();
    assertThat(later).isNotEnded();
    assertThat(records.reply(later.getId())).isEmpty();
  }

  @Test
  void aReplyLeftPendingByACrashBeforeItsCorrelationIsCorrelatedByTheSweeper() {
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);
    // What the inbox commits before it correlates; the node dies right after it.
    String updateId = String.valueOf(newUpdateId());
    jdbc.sql("INSERT INTO inbound_message (channel, provider, provider_event_id, customer_id, sender_ref, body,"
            + " received_at, reply_state) VALUES ('telegram', 'telegram', ?, ?, ?, 'Thanks', ?, 'PENDING')")
        .params(updateId, customer.id(), customer.telegramChatId(), OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    long messageId = inbox.find("telegram", updateId).orElseThrow().id();
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_WHATSAPP);

    replies.sweep();

    assertThat(journey).isEnded().hasPassed(END_REPLIED);
    assertThat(records.reply(journey.getId())).hasValueSatisfying(reply ->
        assertThat(reply.messageId()).isEqualTo(messageId));
  }

  @Test
  void aStopReplyEndsTheJourneyWithoutFurtherMessagesAndIsNotFeedback() {
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);

    postWhatsappWebhook(whatsappMessage(customer.phone(), "wamid.stop-" + UUID.randomUUID(), "STOP"));

    assertThat(journey).isEnded().hasPassed(END_OPTED_OUT).hasNotPassed(END_REPLIED, SEND_EMAIL);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(records.reply(journey.getId())).hasValueSatisfying(reply -> assertThat(reply.optOut()).isTrue());
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  // ---- delivery reports while waiting for a reply ----

  @Test
  void aWhatsappReportedFailedMovesOnToTheEmailAtOnce() {
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_WHATSAPP);

    providerReports(journey, "whatsapp", "failed");

    assertThat(journey).isWaitingAt(SEND_EMAIL).hasNotPassed(NO_REPLY_TO_WHATSAPP);
    assertThat(job(journey, NO_REPLY_TO_WHATSAPP)).as("the reply timer is gone, not run").isNull();
    assertThat(delivery(journey, "whatsapp").correlation()).isEqualTo(Correlation.CORRELATED);
    executeJob(journey, SEND_EMAIL);
    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_EMAIL);
  }

  @Test
  void aDeliveredReportDoesNotMoveItOnTheReplyTimerDecides() {
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);

    providerReports(journey, "whatsapp", "delivered");

    assertThat(journey).isWaitingAt(WAIT_REPLY_TO_WHATSAPP);
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivery(journey, "whatsapp").correlation()).isEqualTo(Correlation.UNCAUGHT);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    assertThat(journey).isWaitingAt(SEND_EMAIL);
  }

  @Test
  void everyMessageFailingLaterEndsTheJourneyAsFailed() {
    sandbox("*", Outcome.SILENT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    providerReports(journey, "whatsapp", "failed");
    executeJob(journey, SEND_EMAIL);
    providerReports(journey, "email", "failed");
    executeJob(journey, SEND_SMS);
    providerReports(journey, "sms", "failed");

    assertThat(journey).isEnded().hasPassed(END_UNREACHABLE)
        .hasNotPassed(NO_REPLY_TO_WHATSAPP, NO_REPLY_TO_EMAIL, NO_REPLY_TO_SMS, END_NO_REPLY);
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void aLastSmsFailingAfterTheEmailWaitedOutItsTimeEndsWithoutFeedbackNotFailed() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    executeJob(journey, NO_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);

    providerReports(journey, "sms", "failed");

    assertThat(journey).isEnded().hasPassed(END_NO_REPLY).hasNotPassed(NO_REPLY_TO_SMS, END_UNREACHABLE);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void startedOverRestItWritesInTheCustomersLanguageOneChannelAfterTheOther() {
    String key = "feedback-" + UUID.randomUUID();
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of("playbook", PLAYBOOK,
        "businessKey", key,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE, "email", SARA_EMAIL, "locale", "fa"),
        "variables", Map.of("orderNumber", "A-2002", "feedbackUrl", "https://shop.example.com/f/A-2002",
            "replyTimeout", "PT10S")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();

    executeJob(journey, SEND_WHATSAPP);
    assertThat(Duration.between(Instant.now(), job(journey, NO_REPLY_TO_WHATSAPP).getDuedate().toInstant()))
        .isLessThanOrEqualTo(Duration.ofSeconds(10));
    executeJob(journey, NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    executeJob(journey, NO_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);
    ResponseEntity<JsonNode> replied = api().postForEntity("/api/events", Map.of("name", CUSTOMER_REPLIED,
        "businessKey", key, "variables", Map.of("replyChannel", "sms")), JsonNode.class);

    assertThat(replied.getBody().path("correlated").asInt()).isEqualTo(1);
    assertThat(journey).isEnded().hasPassed(END_REPLIED);
    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("whatsapp", SARA_PHONE),
            org.assertj.core.groups.Tuple.tuple("email", SARA_EMAIL),
            org.assertj.core.groups.Tuple.tuple("sms", SARA_PHONE));
    assertThat(outbox.list(null, null)).allSatisfy(entry ->
        assertThat(entry.text()).contains("A-2002").containsPattern("[\\u0600-\\u06FF]"));
  }

  @Test
  void aStartWithoutTheFeedbackLinkIsRefused() {
    ResponseEntity<JsonNode> refused = api().postForEntity("/api/journeys", Map.of("playbook", PLAYBOOK,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE),
        "variables", Map.of("orderNumber", "A-3003")), JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().toString()).contains("feedbackUrl");
  }

  private ProcessInstance start() {
    return start(new CustomerUpdate("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, null, null, null, null, "en",
        "Asia/Tehran", null));
  }

  private ProcessInstance start(CustomerUpdate customer) {
    var request = new StartJourneyRequest(PLAYBOOK, "feedback-" + UUID.randomUUID(), customer,
        Map.of("orderNumber", "A-1001", "feedbackUrl", "https://shop.example.com/feedback/A-1001"));
    String id = journeys.start(request, null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** The (sandbox) provider reports the journey's latest delivery on the channel through its signed webhook. */
  private void providerReports(ProcessInstance journey, String channel, String status) {
    assertThat(report(delivery(journey, channel).providerMessageId(), status).getStatusCode().is2xxSuccessful())
        .isTrue();
  }

  /** An application posts the customer's answer as a business event; returns how many journeys it reached. */
  private int reply(ProcessInstance journey, String channel) {
    ResponseEntity<JsonNode> answer = api().postForEntity("/api/events", Map.of("name", CUSTOMER_REPLIED,
        "businessKey", journey.getBusinessKey(), "variables",
        Map.of("replyChannel", channel, "replyText", "Very happy, thanks")), JsonNode.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(String.valueOf(answer.getBody())).isTrue();
    return answer.getBody().path("correlated").asInt();
  }

  /**
   * The reply as the journey's history keeps it: the "Reply recorded" end event, with its time. The
   * engine keeps no variable history (history level activity), so the reply's text stays out of it.
   */
  private long recordedReplies(ProcessInstance journey) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(journey.getId())
        .activityId(END_REPLIED).finished().count();
  }
}
