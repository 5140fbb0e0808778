package io.omnijourney.playbooks;

import static io.omnijourney.bpmn.Bpmn.Events.PURCHASE_COMPLETED;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_NOT_REACHED;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_OFFER_SENT;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_OPTED_OUT;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_PURCHASED;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.END_SUMMARY_NOT_SENT;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.OFFER_NOT_READ;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.PLAYBOOK;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_EMAIL;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_TELEGRAM;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.TELEGRAM_REACTION;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.TELEGRAM_REPLIED;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.WAIT_SUMMARY;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.GATEWAY_TELEGRAM_REACTION;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.WAIT_WHATSAPP_READ;
import static io.omnijourney.support.PlaybookIds.DiscountCampaign.WHATSAPP_REPLIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.TestLedger;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every path of the discount-campaign playbook, in the real application with the sandbox provider. */
class DiscountCampaignJourneyTest extends JourneyTest {

  @Autowired TestLedger ledger;


  /** A marketing journey: these tests run at noon in Tehran, whatever the real time. */
  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  @Test
  void whatsappReadSkipsTheSmsReminderAndEndsWithTheEmailSummary() {
    sandbox("whatsapp", Outcome.READ);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_SUMMARY));
    executeJob(journey, WAIT_SUMMARY);
    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isEnded().hasPassed(END_OFFER_SENT).hasNotPassed(SEND_SMS, SEND_TELEGRAM);
    assertThat(channels()).containsExactly("whatsapp", "email");
    assertThat(outbox.list("email", null).get(0).text()).contains("https://shop.example.com/offer/AUTUMN20");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void whatsappDeliveredButNotReadWaitsAndAReadReportThroughTheWebhookMovesItOn() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED));
    // "Delivered" is not "read": the journey still waits for the customer to read the offer, and
    // the sweeper has nothing to settle for it.
    assertThat(journey).isWaitingAt(WAIT_WHATSAPP_READ);
    assertThat(ledger.findUnsettled(1000)).doesNotContain(delivery(journey, "whatsapp").id());

    report(delivery(journey, "whatsapp").providerMessageId(), "read");

    assertThat(journey).isWaitingAt(WAIT_SUMMARY).hasNotPassed(OFFER_NOT_READ, SEND_SMS);
    assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void aReplyWhileTheWhatsappOfferWaitsToBeReadIsAReactionAndSkipsTheSmsReminder() {
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED));

    postWhatsappWebhook(whatsappMessage(customer.phone(), "wamid.q-" + UUID.randomUUID(), "Is it for shoes too?"));

    assertThat(journey).isWaitingAt(WAIT_SUMMARY).hasPassed(WHATSAPP_REPLIED).hasNotPassed(OFFER_NOT_READ, SEND_SMS);
    executeJob(journey, WAIT_SUMMARY);
    executeJob(journey, SEND_EMAIL);
    assertThat(journey).isEnded().hasPassed(END_OFFER_SENT);
    assertThat(channels()).containsExactly("whatsapp", "email");
    assertThat(api().getForObject("/api/journeys/" + journey.getId(), JsonNode.class).path("reply").path("channel")
        .asText()).isEqualTo("whatsapp");
  }

  @Test
  void aTelegramReplyToTheOfferIsAReactionAndSkipsTheSmsReminder() {
    sandbox("whatsapp", Outcome.REJECT);
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, SEND_TELEGRAM);
    assertThat(journey).isWaitingAt(GATEWAY_TELEGRAM_REACTION);

    postTelegramWebhook(telegramUpdate(newUpdateId(), customer.telegramChatId(), "Thanks, I'll look"), telegramSecret);

    assertThat(journey).isWaitingAt(WAIT_SUMMARY).hasPassed(TELEGRAM_REPLIED).hasNotPassed(TELEGRAM_REACTION, SEND_SMS);
    assertThat(job(journey, TELEGRAM_REACTION)).as("the reaction timer is gone").isNull();
    assertThat(channels()).containsExactly("whatsapp", "telegram");
  }

  @Test
  void aStopReplyToTheOfferEndsTheCampaignWithNothingMoreSent() {
    CustomerUpdate customer = newCustomer();
    ProcessInstance journey = start(customer);
    executeJob(journey, SEND_WHATSAPP);

    postWhatsappWebhook(whatsappMessage(customer.phone(), "wamid.stop-" + UUID.randomUUID(), "STOP"));

    assertThat(journey).isEnded().hasPassed(END_OPTED_OUT).hasNotPassed(SEND_SMS, WAIT_SUMMARY, SEND_EMAIL);
    assertThat(channels()).containsExactly("whatsapp");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void whatsappDeliveredButNotReadInTimeSendsAnSmsReminder() {
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(delivery(journey, "whatsapp").status()).isEqualTo(DeliveryStatus.DELIVERED));
    executeJob(journey, OFFER_NOT_READ);
    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_SUMMARY);
    assertThat(channels()).containsExactly("whatsapp", "sms");
  }

  @Test
  void whatsappNotReadInTimeSendsAnSmsReminder() {
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    assertThat(journey).isWaitingAt(WAIT_WHATSAPP_READ);
    executeJob(journey, OFFER_NOT_READ);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_SUMMARY);
    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isEnded().hasPassed(END_OFFER_SENT).hasNotPassed(SEND_TELEGRAM);
    assertThat(channels()).containsExactly("whatsapp", "sms", "email");
  }

  @Test
  void whatsappFailedOffersOnTelegramAndRemindsBySmsWhenTheCustomerDoesNotReact() {
    sandbox("whatsapp", Outcome.FAIL);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(job(journey, SEND_TELEGRAM)).isNotNull());
    executeJob(journey, SEND_TELEGRAM);
    // Telegram reports no delivery: the journey gives the customer time to react, no delivery wait.
    assertThat(journey).isWaitingAt(GATEWAY_TELEGRAM_REACTION);
    executeJob(journey, TELEGRAM_REACTION);
    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_SUMMARY);
    assertThat(channels()).containsExactly("whatsapp", "telegram", "sms");
    assertThat(outbox.list("telegram", null).get(0).recipient()).isEqualTo("5512345");
  }

  @Test
  void whatsappRejectedOffersOnTelegramAtOnce() {
    sandbox("whatsapp", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, SEND_TELEGRAM);

    assertThat(journey).isWaitingAt(GATEWAY_TELEGRAM_REACTION).hasNotPassed(WAIT_WHATSAPP_READ);
    assertThat(channels()).containsExactly("whatsapp", "telegram");
  }

  @Test
  void bothMessengersRefusingGoStraightToTheSmsReminder() {
    sandbox("whatsapp", Outcome.REJECT);
    sandbox("telegram", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, SEND_TELEGRAM);
    executeJob(journey, SEND_SMS);

    assertThat(journey).isWaitingAt(WAIT_SUMMARY).hasNotPassed(TELEGRAM_REACTION);
    assertThat(channels()).containsExactly("whatsapp", "telegram", "sms");
  }

  @Test
  void emailRefusedAfterAnSmsReachedTheCustomerEndsWithoutTheSummary() {
    sandbox("whatsapp", Outcome.REJECT);
    sandbox("telegram", Outcome.REJECT);
    sandbox("email", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, SEND_TELEGRAM);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_SUMMARY);
    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isEnded().hasPassed(END_SUMMARY_NOT_SENT).hasNotPassed(END_NOT_REACHED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void everyChannelRefusingEndsTheJourneyFailed() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, SEND_TELEGRAM);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_SUMMARY);
    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isEnded().hasPassed(END_NOT_REACHED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void aPurchaseEndsTheCampaignAtOnce() {
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);

    ResponseEntity<String> answer = event(PURCHASE_COMPLETED, journey.getBusinessKey());

    assertThat(answer.getBody()).contains("\"correlated\":1");
    assertThat(journey).isEnded().hasPassed(END_PURCHASED).hasNotPassed(SEND_SMS);
    assertThat(channels()).containsExactly("whatsapp");
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void aPurchaseWhileTheSummaryIsDueEndsItWithoutTheEmail() {
    sandbox("whatsapp", Outcome.READ);
    ProcessInstance journey = start();
    executeJob(journey, SEND_WHATSAPP);
    eventually(() -> assertThat(journey).isWaitingAt(WAIT_SUMMARY));

    event(PURCHASE_COMPLETED, journey.getBusinessKey());

    assertThat(journey).isEnded().hasPassed(END_PURCHASED).hasNotPassed(SEND_EMAIL);
  }

  @Test
  void anOfferDueAt23InTheCustomersTimeZoneWaitsUntil08WithoutUsingARetry() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 23, 0));
    ProcessInstance journey = start();
    int retries = job(journey, SEND_WHATSAPP).getRetries();

    assertThatThrownBy(() -> executeJob(journey, SEND_WHATSAPP))
        .hasMessageContaining("quiet hours 22:00-08:00 Asia/Tehran");

    assertThat(outbox.list(null, null)).isEmpty();
    assertThat(job(journey, SEND_WHATSAPP).getDuedate())
        .isEqualTo(at(2026, 11, 24, 8, 0));
    assertThat(job(journey, SEND_WHATSAPP).getRetries()).isEqualTo(retries);
    ClockUtil.setCurrentTime(at(2026, 11, 24, 8, 0));
    executeJob(journey, SEND_WHATSAPP);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void startedOverTheApiItOffersInTheCustomersLanguageWhatsappThenSmsThenEmail() {
    sandbox("whatsapp", Outcome.SILENT);
    String businessKey = "campaign-" + UUID.randomUUID();
    String body = """
        {"playbook": "discount-campaign", "businessKey": "%s",
         "customer": {"id": "cust-%s", "phone": "+79161234567", "email": "ivan@example.com", "locale": "ru",
                      "timeZone": "Asia/Tehran"},
         "variables": {"discount": "20%%", "offerUrl": "https://shop.example.com/offer/AUTUMN20",
                       "validUntil": "2026-12-01", "offerReadTimeout": "PT10S"}}
        """.formatted(businessKey, UUID.randomUUID());
    ResponseEntity<String> started = api().postForEntity("/api/journeys", json(body), String.class);
    assertThat(started.getStatusCode().value()).isEqualTo(201);
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult();

    executeJob(journey, SEND_WHATSAPP);
    executeJob(journey, OFFER_NOT_READ);
    executeJob(journey, SEND_SMS);
    executeJob(journey, WAIT_SUMMARY);
    executeJob(journey, SEND_EMAIL);

    assertThat(journey).isEnded().hasPassed(END_OFFER_SENT);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp", "sms", "email");
    assertThat(outbox.list(null, null)).allSatisfy(m -> assertThat(m.text()).containsPattern("[А-Яа-я]"));
    assertThat(outbox.list("sms", null).get(0).recipient()).isEqualTo("+79161234567");
  }

  @Test
  void aStartWithoutTheOfferLinkIsRefused() {
    String body = """
        {"playbook": "discount-campaign", "businessKey": "campaign-%s",
         "customer": {"id": "cust-1", "phone": "+989121234567"},
         "variables": {"discount": "20%%", "validUntil": "2026-12-01"}}
        """.formatted(UUID.randomUUID());

    ResponseEntity<String> refused = api().postForEntity("/api/journeys", json(body), String.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("offerUrl");
  }

  private ProcessInstance start() {
    return start(new CustomerUpdate("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, "5512345", null, null, null,
        "fa", "Asia/Tehran", null));
  }

  private ProcessInstance start(CustomerUpdate customer) {
    Map<String, Object> variables = Map.of("discount", "20%", "offerUrl", "https://shop.example.com/offer/AUTUMN20",
        "validUntil", "2026-12-01");
    String id = journeys.start(new StartJourneyRequest(PLAYBOOK, "campaign-" + UUID.randomUUID(), customer, variables), null)
        .journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private ResponseEntity<String> event(String name, String businessKey) {
    return api().postForEntity("/api/events",
        json("{\"name\": \"" + name + "\", \"businessKey\": \"" + businessKey + "\"}"), String.class);
  }

  private List<String> channels() {
    return outbox.list(null, null).stream().map(Entry::channel).toList();
  }
}
