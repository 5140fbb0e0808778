package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.PromotionEnding.ENDED_FIRST;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.END_ALREADY_OVER;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.END_CONVERTED;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.END_NOT_REMINDED;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.END_PROMOTION_OVER;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.END_REMINDER_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.PROMOTION_ENDS;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.REMINDER_DUE;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.SEND_REMINDER;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.Variables.PROMOTION_ENDS_AT;
import static io.omnijourney.support.PlaybookIds.PromotionEnding.Variables.REMINDER_LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of the promotion ending soon: one marketing reminder reminderLead before the end, only
 * for a customer who has not converted; a start later than that reminds at once, a start after the
 * end sends nothing, and a reminder still held back when the promotion ends is dropped. After the
 * reminder the journey waits for the end, so that a purchase until then is its conversion. The
 * engine clock stands at noon in Tehran on 23 November 2026.
 */
class PromotionEndingJourneyTest extends JourneyTest {

  /** What the engine clock says in every test: noon in Tehran ({@link #daytimeInTehran()}). */
  static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, TEHRAN);
  static final String OFFER_URL = "https://shop.example.com/sale/yalda";

  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  @Test
  void threeHoursBeforeTheEndTheCustomerIsRemindedAndTheJourneyWaitsForTheEnd() {
    ZonedDateTime end = NOW.plusDays(2).withHour(23).withMinute(59);
    ProcessInstance journey = start(end, Map.of());

    assertThat(journey).isWaitingAt(REMINDER_DUE);
    assertThat(job(journey, REMINDER_DUE).getDuedate()).isEqualTo(Date.from(end.minusHours(3).toInstant()));
    executeJob(journey, REMINDER_DUE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(PROMOTION_ENDS).hasPassed(SEND_REMINDER));
    assertThat(job(journey, PROMOTION_ENDS).getDuedate()).isEqualTo(Date.from(end.toInstant()));
    executeJob(journey, PROMOTION_ENDS);

    assertThat(journey).isEnded().hasPassed(END_PROMOTION_OVER).hasNotPassed(END_CONVERTED);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("*20% off*", "tonight at 23:59", OFFER_URL);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aCustomerWhoConvertedBeforeTheReminderGetsNothing() {
    ProcessInstance journey = start(NOW.plusDays(2), Map.of());

    assertThat(purchase(journey.getBusinessKey()).path("correlated").asInt()).isEqualTo(1);

    assertThat(journey).isEnded().hasPassed(END_CONVERTED).hasNotPassed(SEND_REMINDER);
    assertThat(job(journey, REMINDER_DUE)).isNull();
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void aPurchaseAfterTheReminderIsTheJourneysConversion() {
    ProcessInstance journey = start(NOW.plusDays(2), Map.of());
    executeJob(journey, REMINDER_DUE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(PROMOTION_ENDS));

    purchase(journey.getBusinessKey());

    assertThat(journey).isEnded().hasPassed(SEND_REMINDER, END_CONVERTED).hasNotPassed(END_PROMOTION_OVER);
    assertThat(outbox.list(null, null)).hasSize(1);
  }

  @Test
  void startedWithLessThanReminderLeadLeftItRemindsAtOnce() {
    ProcessInstance journey = start(NOW.plusHours(2), Map.of(REMINDER_LEAD, "PT3H"));

    assertThat(journey).isWaitingAt(SEND_REMINDER).hasNotPassed(REMINDER_DUE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isWaitingAt(PROMOTION_ENDS));
    assertThat(outbox.list(null, null)).hasSize(1);
  }

  @Test
  void startedAfterTheEndItSendsNothing() {
    String id = startJourney(NOW.minusMinutes(1), Map.of());

    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).finished()
        .list()).extracting(a -> a.getActivityId()).contains(END_ALREADY_OVER).doesNotContain(SEND_REMINDER);
    assertThat(records.find(id).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void aReminderHeldByQuietHoursUntilAfterTheEndIsDropped() {
    ZonedDateTime end = NOW.plusDays(1).withHour(7).withMinute(30); // quiet hours end at 08:00
    ProcessInstance journey = start(end, Map.of());
    ClockUtil.setCurrentTime(Date.from(end.minusHours(3).toInstant()));

    executeJob(journey, REMINDER_DUE);
    ProcessInstance reminder = calledBy(journey);
    executeJob(reminder, DeliverWithFallback.CHOOSE_CHANNEL);
    assertThat(reminder).isWaitingAt(DeliverWithFallback.WAIT_CONTACT_WINDOW);
    assertThat(job(journey, ENDED_FIRST).getDuedate()).isEqualTo(Date.from(end.toInstant()));
    executeJob(journey, ENDED_FIRST);

    assertThat(journey).isEnded().hasPassed(END_NOT_REMINDED).hasNotPassed(END_PROMOTION_OVER);
    assertThat(reminder).isEnded();
    assertThat(outbox.list(null, null)).isEmpty();
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aReminderNoChannelTakesEndsFailed() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start(NOW.plusDays(2), Map.of());
    executeJob(journey, REMINDER_DUE);

    for (int i = 0; i < 4; i++) { // whatsapp, telegram, email, sms
      sendNextChannel(journey);
    }
    executeJob(calledBy(journey), DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(journey).isEnded().hasPassed(END_REMINDER_NOT_DELIVERED).hasNotPassed(PROMOTION_ENDS);
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void startedOverTheApiInASandboxRunTheRussianCustomerIsRemindedOnTelegram() {
    String chatId = newChatId();
    String key = "promo-" + UUID.randomUUID();
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", PLAYBOOK, "businessKey", key,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "telegramChatId", chatId, "locale", "ru",
            "timeZone", "Europe/Moscow"),
        "variables", Map.of(PROMOTION_ENDS_AT, "2026-11-25T23:59:00+03:00", "promotionEndTime", "сегодня в 23:59",
            "discount", "25%", "offerUrl", OFFER_URL)), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();

    assertThat(job(journey, REMINDER_DUE).getDuedate())
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-11-25T20:59:00+03:00").toInstant()));
    ClockUtil.setCurrentTime(job(journey, REMINDER_DUE).getDuedate());
    executeJob(journey, REMINDER_DUE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isWaitingAt(PROMOTION_ENDS));
    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient)
        .containsExactly(Tuple.tuple("telegram", chatId));
    assertThat(outbox.list("telegram", null).get(0).text()).contains("скидкой 25%", "сегодня в 23:59", OFFER_URL);
    JsonNode shown = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(shown.path("waitingAt").toString()).contains("Promotion ends (promotionEnd)");
  }

  @Test
  void aStartWithoutTheEndOrWithAnUnreadableLeadIsRefusedNamingIt() {
    Map<String, Object> variables = new HashMap<>(Map.of("promotionEndTime", "tonight at 23:59", "discount", "20%",
        "offerUrl", OFFER_URL));
    ResponseEntity<JsonNode> withoutEnd = startOverApi(PLAYBOOK, variables);
    variables.put(PROMOTION_ENDS_AT, "2026-11-25T23:59:00+03:00");
    variables.put(REMINDER_LEAD, "three hours");
    ResponseEntity<JsonNode> unreadableLead = startOverApi(PLAYBOOK, variables);

    assertThat(withoutEnd.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withoutEnd.getBody().path("errors").toString())
        .contains("variables.promotionEndsAt", "when the promotion ends");
    assertThat(unreadableLead.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unreadableLead.getBody().path("errors").toString()).contains("variables.reminderLead", "duration");
  }

  private JsonNode purchase(String businessKey) {
    return businessEvent(Events.PURCHASE_COMPLETED, businessKey);
  }

  private ProcessInstance start(ZonedDateTime end, Map<String, Object> extra) {
    return runtime.createProcessInstanceQuery().processInstanceId(startJourney(end, extra)).singleResult();
  }

  private String startJourney(ZonedDateTime end, Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of(PROMOTION_ENDS_AT, end.toOffsetDateTime().toString(),
        "promotionEndTime", "tonight at 23:59", "discount", "20%", "offerUrl", OFFER_URL));
    variables.putAll(extra);
    return journeys.start(new StartJourneyRequest(PLAYBOOK, "promo-" + UUID.randomUUID(), newCustomer(), variables),
        null).journey().id();
  }
}
