package io.omnijourney.policy;

import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.CHOOSE_CHANNEL;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.END_DELIVERED;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.SEND;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.WAIT_CONTACT_WINDOW;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.customer.Customers;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import io.omnijourney.support.PlaybookIds.DiscountCampaign;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Send at the customer's best hour" under the engine clock: the hour a customer reads at is learnt
 * from their reads and replies, and a marketing send that asks for it waits for it, within quiet
 * hours; without history it goes at the playbook's time. Every customer here lives in Tehran.
 */
class BestHourJourneyTest extends JourneyTest {

  @Autowired Customers customers;

  /** The customer read a message at this local time, in Tehran, on five evenings. */
  private CustomerUpdate readsEveryEveningAt(int hour, int minute) {
    CustomerUpdate customer = newCustomer();
    customers.save(customer);
    for (int day = 1; day <= 5; day++) {
      customers.engaged(customer.id(), Channel.WHATSAPP,
          ZonedDateTime.of(2026, 11, day, hour, minute + day * 5, 0, 0, TEHRAN).toOffsetDateTime());
    }
    return customer;
  }

  @Test
  void aCustomerWhoAlwaysReadsAt20GetsTheOfferAt20() {
    CustomerUpdate customer = readsEveryEveningAt(20, 0);
    ClockUtil.setCurrentTime(at(2026, 11, 23, 10, 0));
    ProcessInstance journey = offer(customer, Vars.BEST_HOUR);
    int retries = job(journey, SEND_WHATSAPP).getRetries();

    assertThatThrownBy(() -> executeJob(journey, SEND_WHATSAPP)).hasMessageContaining("best hour 20:00 Asia/Tehran");

    assertThat(outbox.list(null, null)).isEmpty();
    assertThat(job(journey, SEND_WHATSAPP).getDuedate()).isEqualTo(at(2026, 11, 23, 20, 0));
    assertThat(job(journey, SEND_WHATSAPP).getRetries()).isEqualTo(retries);
    ClockUtil.setCurrentTime(at(2026, 11, 23, 20, 0));
    executeJob(journey, SEND_WHATSAPP);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void aCustomerWithNoHistoryGetsTheOfferAtThePlaybooksTime() {
    CustomerUpdate customer = newCustomer();
    ClockUtil.setCurrentTime(at(2026, 11, 23, 10, 0));
    ProcessInstance journey = offer(customer, Vars.BEST_HOUR);

    executeJob(journey, SEND_WHATSAPP);

    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void withoutBestHourTheOfferGoesAtThePlaybooksTimeWhateverTheHistory() {
    CustomerUpdate customer = readsEveryEveningAt(20, 0);
    ClockUtil.setCurrentTime(at(2026, 11, 23, 10, 0));
    ProcessInstance journey = offer(customer, Vars.PLAYBOOK_TIME);

    executeJob(journey, SEND_WHATSAPP);

    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void aBestHourInsideQuietHoursIsNotWaitedFor() {
    CustomerUpdate customer = readsEveryEveningAt(23, 0);
    ClockUtil.setCurrentTime(at(2026, 11, 23, 10, 0));
    ProcessInstance journey = offer(customer, Vars.BEST_HOUR);

    executeJob(journey, SEND_WHATSAPP);

    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void anOfferDueInTheCustomersBestHourGoesAtOnceAndOneAfterItWaitsForTomorrows() {
    CustomerUpdate customer = readsEveryEveningAt(20, 0);
    ClockUtil.setCurrentTime(at(2026, 11, 23, 20, 40));
    ProcessInstance inTheHour = offer(customer, Vars.BEST_HOUR);
    executeJob(inTheHour, SEND_WHATSAPP);
    assertThat(outbox.list(null, null)).hasSize(1);

    ClockUtil.setCurrentTime(at(2026, 11, 23, 21, 0));
    ProcessInstance after = offer(customer, Vars.BEST_HOUR);
    assertThatThrownBy(() -> executeJob(after, SEND_WHATSAPP)).hasMessageContaining("best hour");
    assertThat(job(after, SEND_WHATSAPP).getDuedate()).isEqualTo(at(2026, 11, 24, 20, 0));
  }

  @Test
  void deliverWithFallbackWaitsForTheBestHourOnceAndItsFallbackDoesNotWaitAgain() {
    CustomerUpdate customer = readsEveryEveningAt(20, 0);
    ClockUtil.setCurrentTime(at(2026, 11, 23, 10, 0));
    sandbox("whatsapp", Outcome.REJECT);
    Map<String, Object> variables = new HashMap<>(Map.of("template", "policy-test", "code", "4711",
        Vars.CATEGORY, "marketing", "deliveryTimeout", "PT1M", Vars.SEND_AT, Vars.BEST_HOUR));
    String id = journeys.start(new StartJourneyRequest(DeliverWithFallback.PLAYBOOK, "msg-" + UUID.randomUUID(),
        customer, variables), null).journey().id();
    ProcessInstance message = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();

    executeJob(message, CHOOSE_CHANNEL);
    assertThat(message).isWaitingAt(WAIT_CONTACT_WINDOW);
    assertThat(job(message, WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 23, 20, 0));

    ClockUtil.setCurrentTime(at(2026, 11, 23, 20, 0));
    executeJob(message, WAIT_CONTACT_WINDOW);
    executeJob(message, SEND);
    // WhatsApp refuses it: Telegram is tried at once, not at tomorrow's best hour.
    sendNextChannel(message);

    eventually(() -> assertThat(message).isEnded().hasPassed(END_DELIVERED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "telegram");
    assertThat(delivery(message, "telegram").policyNote()).isNull();
    assertThat(delivery(message, "whatsapp").policyNote())
        .isEqualTo("best hour 20:00 Asia/Tehran: waited until 2026-11-23T20:00+03:30");
  }

  @Test
  void readsAndRepliesTeachTheProfileTheTimeOfDay() {
    sandbox("whatsapp", Outcome.READ);
    CustomerUpdate customer = newCustomer();
    daytimeInTehran();
    ProcessInstance journey = offer(customer, Vars.PLAYBOOK_TIME);

    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(customers.engagementTimes(customer.id()).values()).containsExactly(1));
    postTelegramWebhook(telegramUpdate(newUpdateId(), customer.telegramChatId(), "Is it for shoes too?"), telegramSecret);

    assertThat(customers.engagementTimes(customer.id()).values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(2);
  }

  /** The discount campaign's offer to the customer, its marketing sent at {@code sendAt}. */
  private ProcessInstance offer(CustomerUpdate customer, String sendAt) {
    Map<String, Object> variables = Map.of("discount", "20%", "offerUrl", "https://shop.example.com/offer/AUTUMN20",
        "validUntil", "2026-12-01", Vars.SEND_AT, sendAt);
    String id = journeys.start(new StartJourneyRequest(DiscountCampaign.PLAYBOOK, "offer-" + UUID.randomUUID(),
        customer, variables), null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }
}
