package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.AbandonedCart.CART_IDLE;
import static io.omnijourney.support.PlaybookIds.AbandonedCart.END_CHECKED_OUT;
import static io.omnijourney.support.PlaybookIds.AbandonedCart.END_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.AbandonedCart.END_REMINDED;
import static io.omnijourney.support.PlaybookIds.AbandonedCart.SEND_REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.AbandonedCart;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of the abandoned-cart playbook: after the cart idles, one marketing reminder on the
 * customer's preferred channel ("Deliver with fallback"); checkout-completed ends it at once.
 */
class AbandonedCartJourneyTest extends JourneyTest {

  static final String CHAT_ID = "5512345";
  static final String CART_URL = "https://shop.example.com/cart/77";


  /** The reminder is marketing and waits out quiet hours: these tests run at noon in Tehran. */
  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  @Test
  void anIdleCartGetsOneReminderOnTheFirstMarketingChannel() {
    ProcessInstance journey = start(customer(null), Map.of());

    assertThat(journey).isWaitingAt(CART_IDLE);
    assertThat(job(journey, CART_IDLE).getDuedate()).isEqualTo(at(2026, 11, 23, 12, 30));
    executeJob(journey, CART_IDLE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(SEND_REMINDER, END_REMINDED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains(CART_URL);
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void theCustomersPreferredChannelIsTriedFirst() {
    ProcessInstance journey = start(customer(List.of("email")), Map.of());

    executeJob(journey, CART_IDLE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_REMINDED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("email");
  }

  @Test
  void aSilentChannelFallsBackToTheNextAfterTheReminderTimeout() {
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = start(customer(null), Map.of("reminderTimeout", "PT1M"));

    executeJob(journey, CART_IDLE);
    sendNextChannel(journey);
    ProcessInstance reminder = calledBy(journey);
    assertThat(reminder).isWaitingAt(DeliverWithFallback.WAIT_DELIVERY);
    assertThat(runtime.getVariable(reminder.getId(), "deliveryTimeout")).isEqualTo("PT1M");
    executeJob(reminder, DeliverWithFallback.NOT_DELIVERED_IN_TIME);
    sendNextChannel(journey);

    // Telegram gives no delivery report: accepted is final.
    eventually(() -> assertThat(journey).isEnded().hasPassed(END_REMINDED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "telegram");
  }

  @Test
  void noChannelDeliveringTheReminderEndsFailedWithoutAnOperator() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start(customer(null), Map.of());

    executeJob(journey, CART_IDLE);
    for (int i = 0; i < 4; i++) { // whatsapp, telegram, email, sms (no viber or push address)
      sendNextChannel(journey);
    }
    executeJob(calledBy(journey), DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(journey).isEnded().hasPassed(END_NOT_DELIVERED).hasNotPassed(END_REMINDED);
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(DeliverWithFallback.HANDLE_UNDELIVERABLE)
        .processInstanceBusinessKey(journey.getBusinessKey()).count()).isZero();
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactly("whatsapp", "telegram", "email", "sms");
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void checkoutBeforeTheCartIdlesEndsItWithoutAReminder() {
    ProcessInstance journey = start(customer(null), Map.of());

    assertThat(checkout(journey.getBusinessKey()).path("correlated").asInt()).isEqualTo(1);

    assertThat(journey).isEnded().hasPassed(END_CHECKED_OUT).hasNotPassed(SEND_REMINDER);
    assertThat(job(journey, CART_IDLE)).isNull();
    assertThat(outbox.list(null, null)).isEmpty();
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void checkoutWhileTheReminderWaitsForItsDeliveryEndsTheReminderToo() {
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = start(customer(null), Map.of());
    executeJob(journey, CART_IDLE);
    sendNextChannel(journey);
    ProcessInstance reminder = calledBy(journey);
    assertThat(reminder).isWaitingAt(DeliverWithFallback.WAIT_DELIVERY);

    checkout(journey.getBusinessKey());

    assertThat(journey).isEnded().hasPassed(END_CHECKED_OUT).hasNotPassed(END_REMINDED);
    assertThat(reminder).isEnded();
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void anotherCartsCheckoutDoesNotEndThisJourney() {
    ProcessInstance journey = start(customer(null), Map.of());

    assertThat(checkout("cart-" + UUID.randomUUID()).path("correlated").asInt()).isZero();

    assertThat(journey).isWaitingAt(CART_IDLE);
  }

  @Test
  void aCartIdleLateInTheEveningIsRemindedAtEightInTheMorning() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 23, 0));
    ProcessInstance journey = start(customer(null), Map.of());

    executeJob(journey, CART_IDLE);
    ProcessInstance reminder = calledBy(journey);
    executeJob(reminder, DeliverWithFallback.CHOOSE_CHANNEL);

    assertThat(reminder).isWaitingAt(DeliverWithFallback.WAIT_CONTACT_WINDOW);
    assertThat(job(reminder, DeliverWithFallback.WAIT_CONTACT_WINDOW).getDuedate())
        .isEqualTo(at(2026, 11, 24, 8, 0));
    assertThat(outbox.list(null, null)).isEmpty();
  }

  @Test
  void startedOverTheApiTheRussianCustomerGetsTheRussianReminderOnWhatsapp() {
    String businessKey = "cart-" + UUID.randomUUID();
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", AbandonedCart.PLAYBOOK, "businessKey", businessKey,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", "+79161234567", "email", "ivan@example.com",
            "locale", "ru", "timeZone", "Asia/Tehran"),
        "variables", Map.of("cartUrl", CART_URL, "cartIdleDelay", "PT10M")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery()
        .processInstanceId(started.getBody().path("journeyId").asText()).singleResult();

    assertThat(job(journey, CART_IDLE).getDuedate()).isEqualTo(at(2026, 11, 23, 12, 10));
    executeJob(journey, CART_IDLE);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_REMINDED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("whatsapp", "+79161234567"));
    assertThat(outbox.list("whatsapp", null).get(0).text()).contains("корзине").contains(CART_URL);
  }

  @Test
  void aStartWithoutTheCartUrlIsRefused() {
    ResponseEntity<JsonNode> refused = api().postForEntity("/api/journeys", Map.of(
        "playbook", AbandonedCart.PLAYBOOK, "businessKey", "cart-" + UUID.randomUUID(),
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE),
        "variables", Map.of()), JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("errors").toString()).contains("variables.cartUrl");
  }

  private JsonNode checkout(String businessKey) {
    ResponseEntity<JsonNode> answer = api().postForEntity("/api/events",
        Map.of("name", Events.CHECKOUT_COMPLETED, "businessKey", businessKey), JsonNode.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
    return answer.getBody();
  }

  private ProcessInstance start(CustomerUpdate customer, Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of("cartUrl", CART_URL));
    variables.putAll(extra);
    String id = journeys.start(new StartJourneyRequest(AbandonedCart.PLAYBOOK, "cart-" + UUID.randomUUID(), customer,
        variables), null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  static CustomerUpdate customer(List<String> preferredChannels) {
    return new CustomerUpdate("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, CHAT_ID, null, null, null, "en",
        "Asia/Tehran", preferredChannels);
  }
}
