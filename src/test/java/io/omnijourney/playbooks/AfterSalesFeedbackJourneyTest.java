package io.omnijourney.playbooks;

import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.CUSTOMER_REPLIED;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.END_NO_REPLY;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.END_REPLIED;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.END_UNREACHABLE;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.NO_REPLY_TO_EMAIL;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.NO_REPLY_TO_SMS;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.NO_REPLY_TO_WHATSAPP;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.PLAYBOOK;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.SEND_EMAIL;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.SEND_SMS;
import static io.omnijourney.journey.Bpmn.AfterSalesFeedback.SEND_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerData;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * After-sales feedback: a WhatsApp thank-you asking for feedback, then a short email, then a last
 * SMS, each after replyTimeout without a reply; a channel that refuses is skipped at once; the
 * customer's reply, on any channel, ends the journey at "Reply recorded". Feedback requests
 * are sent at once whatever the hour, so these tests need no engine clock.
 */
class AfterSalesFeedbackJourneyTest extends JourneyTest {


  @Test
  void theWhatsappThankYouGoesFirstAndWaitsReplyTimeoutForAnAnswer() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isWaitingAt(NO_REPLY_TO_WHATSAPP);
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
    assertThat(journey).isWaitingAt(NO_REPLY_TO_EMAIL);
    executeJob(journey, NO_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(NO_REPLY_TO_SMS);
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
    assertThat(journey).isWaitingAt(NO_REPLY_TO_WHATSAPP);
  }

  @Test
  void aRefusedWhatsappGoesStraightToTheEmail() {
    sandbox("whatsapp", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);

    assertThat(journey).isWaitingAt(SEND_EMAIL).hasNotPassed(NO_REPLY_TO_WHATSAPP);
    executeJob(journey, SEND_EMAIL);
    assertThat(journey).isWaitingAt(NO_REPLY_TO_EMAIL);
  }

  @Test
  void aRefusedEmailGoesStraightToTheSms() {
    sandbox("email", Outcome.REJECT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, NO_REPLY_TO_WHATSAPP);

    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isWaitingAt(SEND_SMS).hasNotPassed(NO_REPLY_TO_EMAIL);
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(NO_REPLY_TO_SMS);
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

    assertThat(journey).isEnded().hasPassed(END_NO_REPLY).hasNotPassed(NO_REPLY_TO_SMS, END_UNREACHABLE);
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
    var request = new StartJourneyRequest(PLAYBOOK, "feedback-" + UUID.randomUUID(),
        new CustomerData("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, null, null, null, null, "en",
            "Asia/Tehran", null),
        Map.of("orderNumber", "A-1001", "feedbackUrl", "https://shop.example.com/feedback/A-1001"));
    String id = journeys.start(request, null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** The customer answers on a channel, as the inbox posts it; returns how many journeys it reached. */
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
