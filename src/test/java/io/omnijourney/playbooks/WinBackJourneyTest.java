package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.WinBack.END_CAME_BACK;
import static io.omnijourney.support.PlaybookIds.WinBack.END_FOLLOWED_UP;
import static io.omnijourney.support.PlaybookIds.WinBack.END_OFFER_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.WinBack.FOLLOW_UP_DUE;
import static io.omnijourney.support.PlaybookIds.WinBack.NO_PURCHASE;
import static io.omnijourney.support.PlaybookIds.WinBack.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.WinBack.SEND_FOLLOW_UP;
import static io.omnijourney.support.PlaybookIds.WinBack.SEND_OFFER;
import static io.omnijourney.support.PlaybookIds.WinBack.Variables.FOLLOW_UP_DELAY;
import static io.omnijourney.support.PlaybookIds.WinBack.Variables.WIN_BACK_DELAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of the win-back: winBackDelay without a purchase, then a marketing offer on the
 * customer's channel and, followUpDelay later, one follow-up; a purchase-completed event with the
 * journey's business key ends it quietly at any point; opt-outs, quiet hours and the frequency cap
 * hold as for any marketing message. The engine clock stands at noon in Tehran.
 */
class WinBackJourneyTest extends JourneyTest {

  static final String OFFER_URL = "https://shop.example.com/o/COMEBACK15";

  @Autowired JdbcClient jdbc;

  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  @Test
  void sixtyDaysWithoutAPurchaseBringTheOfferThenOneFollowUpAWeekLater() {
    ProcessInstance journey = start(customer());

    assertThat(journey).isWaitingAt(NO_PURCHASE);
    assertThat(job(journey, NO_PURCHASE).getDuedate()).isEqualTo(Date.from(noon().plusDays(60).toInstant()));
    executeJob(journey, NO_PURCHASE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(FOLLOW_UP_DUE).hasPassed(SEND_OFFER));
    assertThat(job(journey, FOLLOW_UP_DUE).getDuedate()).isEqualTo(Date.from(noon().plusDays(7).toInstant()));
    executeJob(journey, FOLLOW_UP_DUE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(SEND_FOLLOW_UP, END_FOLLOWED_UP));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "whatsapp");
    assertThat(outbox.list(null, null)).extracting(Entry::text).satisfiesExactly(
        offer -> assertThat(offer).contains("we miss you", "*15% off*", OFFER_URL),
        followUp -> assertThat(followUp).contains("still here for you", OFFER_URL));
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aPurchaseWithinTheWindowEndsItQuietly() {
    ProcessInstance journey = start(customer());

    assertThat(purchase(journey.getBusinessKey()).path("correlated").asInt()).isEqualTo(1);

    assertThat(journey).isEnded().hasPassed(END_CAME_BACK).hasNotPassed(SEND_OFFER);
    assertThat(job(journey, NO_PURCHASE)).isNull();
    assertThat(outbox.list(null, null)).isEmpty();
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aPurchaseAfterTheOfferEndsItBeforeTheFollowUp() {
    ProcessInstance journey = start(customer());
    executeJob(journey, NO_PURCHASE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(FOLLOW_UP_DUE));

    purchase(journey.getBusinessKey());

    assertThat(journey).isEnded().hasPassed(SEND_OFFER, END_CAME_BACK).hasNotPassed(SEND_FOLLOW_UP);
    assertThat(outbox.list(null, null)).hasSize(1);
  }

  @Test
  void anotherCustomersPurchaseDoesNotEndThisOne() {
    ProcessInstance journey = start(customer());

    assertThat(purchase("winback-" + UUID.randomUUID()).path("correlated").asInt()).isZero();

    assertThat(journey).isWaitingAt(NO_PURCHASE);
  }

  /**
   * A shop that does not keep the win-back's business key names the customer who bought: that
   * customer's win-back ends, nobody else's, and the purchase is the customer's last one.
   */
  @Test
  void aPurchaseNamingItsCustomerEndsThatCustomersWinBackOnly() {
    CustomerUpdate buyer = customer();
    ProcessInstance buyers = start(buyer);
    ProcessInstance someoneElses = start(customer());

    var answer = api().postForEntity("/api/events",
        Map.of("name", Events.PURCHASE_COMPLETED, "customerId", buyer.id()), JsonNode.class);

    assertThat(answer.getBody().path("correlated").asInt()).isEqualTo(1);
    assertThat(buyers).isEnded().hasPassed(END_CAME_BACK);
    assertThat(someoneElses).isWaitingAt(NO_PURCHASE);
    assertThat(jdbc.sql("SELECT purchased_at FROM customer WHERE id = ?").param(buyer.id())
        .query(OffsetDateTime.class).single()).isNotNull();
  }

  @Test
  void anOfferNoChannelTakesEndsFailedWithoutAFollowUpOrAnOperator() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start(customer());
    executeJob(journey, NO_PURCHASE);

    for (int i = 0; i < 4; i++) { // whatsapp, telegram, email, sms
      sendNextChannel(journey);
    }
    executeJob(calledBy(journey), DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(journey).isEnded().hasPassed(END_OFFER_NOT_DELIVERED).hasNotPassed(FOLLOW_UP_DUE);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(journey.getBusinessKey()).count())
        .isZero();
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void theOfferSkipsAChannelTheCustomerOptedOutOf() {
    CustomerUpdate customer = customer();
    ProcessInstance journey = start(customer);
    assertThat(api().postForEntity("/api/customers/" + customer.id() + "/opt-outs", Map.of("channel", "whatsapp"),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    executeJob(journey, NO_PURCHASE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isWaitingAt(FOLLOW_UP_DUE));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("telegram");
  }

  @Test
  void anOfferDueAtNightWaitsForTheMorning() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 23, 0));
    ProcessInstance journey = start(customer());

    executeJob(journey, NO_PURCHASE);
    ProcessInstance offer = calledBy(journey);
    executeJob(offer, DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(offer).isWaitingAt(DeliverWithFallback.WAIT_CONTACT_WINDOW);
    assertThat(job(offer, DeliverWithFallback.WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 24, 8, 0));
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void anOfferOverTheDailyFrequencyCapWaitsForTomorrow() {
    CustomerUpdate customer = customer();
    ProcessInstance journey = start(customer);
    for (int i = 0; i < 3; i++) {
      jdbc.sql("INSERT INTO marketing_contact (message_ref, customer_id, contacted_at) VALUES (?, ?, ?)")
          .params("earlier-" + UUID.randomUUID(), customer.id(),
              OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC)).update();
    }

    executeJob(journey, NO_PURCHASE);
    ProcessInstance offer = calledBy(journey);
    executeJob(offer, DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(offer).isWaitingAt(DeliverWithFallback.WAIT_CONTACT_WINDOW);
    assertThat(job(offer, DeliverWithFallback.WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 24, 0, 0));
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void startedOverTheApiInASandboxRunThePersianCustomerGetsBothMessagesOnWhatsapp() {
    String key = "winback-" + UUID.randomUUID();
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", PLAYBOOK, "businessKey", key,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE, "locale", "fa",
            "timeZone", "Asia/Tehran"),
        "variables", Map.of("discount", "15%", "offerUrl", OFFER_URL, WIN_BACK_DELAY, "PT2M",
            FOLLOW_UP_DELAY, "PT1M")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();

    assertThat(job(journey, NO_PURCHASE).getDuedate()).isEqualTo(Date.from(noon().plusMinutes(2).toInstant()));
    executeJob(journey, NO_PURCHASE);
    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(FOLLOW_UP_DUE));
    executeJob(journey, FOLLOW_UP_DUE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_FOLLOWED_UP));
    assertThat(outbox.list("whatsapp", SARA_PHONE)).hasSize(2).allSatisfy(entry ->
        assertThat(entry.text()).contains("15%", OFFER_URL).containsPattern("[\\u0600-\\u06FF]"));
    JsonNode shown = api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class);
    assertThat(shown.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(shown.path("deliveries")).hasSize(2);
  }

  @Test
  void aStartWithAnUnreadableDelayOrWithoutTheOfferLinkIsRefused() {
    ResponseEntity<JsonNode> unreadable = startOverApi(PLAYBOOK, Map.of("discount", "15%", "offerUrl", OFFER_URL,
        WIN_BACK_DELAY, "60 days"));
    ResponseEntity<JsonNode> withoutLink = startOverApi(PLAYBOOK, Map.of("discount", "15%"));

    assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unreadable.getBody().path("errors").toString()).contains("variables.winBackDelay", "duration");
    assertThat(withoutLink.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withoutLink.getBody().path("errors").toString()).contains("variables.offerUrl");
  }

  private JsonNode purchase(String businessKey) {
    return businessEvent(Events.PURCHASE_COMPLETED, businessKey);
  }

  private static ZonedDateTime noon() {
    return ZonedDateTime.ofInstant(at(2026, 11, 23, 12, 0).toInstant(), TEHRAN);
  }

  private ProcessInstance start(CustomerUpdate customer) {
    Map<String, Object> variables = new HashMap<>(Map.of("discount", "15%", "offerUrl", OFFER_URL));
    String id = journeys.start(new StartJourneyRequest(PLAYBOOK, "winback-" + customer.id(), customer, variables),
        null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** A customer with a phone (and WhatsApp), an email and a Telegram chat. */
  private static CustomerUpdate customer() {
    return newCustomer();
  }
}
