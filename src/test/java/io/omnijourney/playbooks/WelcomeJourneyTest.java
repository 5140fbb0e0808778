package io.omnijourney.playbooks;

import static io.omnijourney.support.PlaybookIds.Welcome.DELIVER_CODE;
import static io.omnijourney.support.PlaybookIds.Welcome.END_CODE_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.Welcome.END_ONBOARDING_NOT_SENT;
import static io.omnijourney.support.PlaybookIds.Welcome.END_WELCOMED;
import static io.omnijourney.support.PlaybookIds.Welcome.SEND_ONBOARDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import io.omnijourney.support.PlaybookIds.Welcome;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of the welcome playbook: the code over SMS, WhatsApp, Telegram ("Deliver with
 * fallback", welcome row of channel-policy.dmn), then the onboarding email.
 */
class WelcomeJourneyTest extends JourneyTest {

  static final String CHAT_ID = "5512345";


  @Test
  void codeDeliveredBySmsIsFollowedByTheOnboardingEmail() {
    ProcessInstance journey = start();

    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(SEND_ONBOARDING));
    executeJob(journey, SEND_ONBOARDING);

    assertThat(journey).isEnded().hasPassed(DELIVER_CODE, END_WELCOMED);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "email");
    assertThat(outbox.list("sms", null).get(0).text()).contains("4711");
    assertThat(outbox.list("email", null).get(0).text()).contains("https://app.example.com/login");
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void smsSilentUntilTheCodeTimeoutFallsBackToWhatsapp() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = start(Map.of("codeTimeout", "PT1M"));

    sendNextChannel(journey);
    ProcessInstance code = calledBy(journey);
    assertThat(code).isWaitingAt(DeliverWithFallback.WAIT_DELIVERY);
    assertThat(runtime.getVariable(code.getId(), "deliveryTimeout")).isEqualTo("PT1M");
    executeJob(code, DeliverWithFallback.NOT_DELIVERED_IN_TIME);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isWaitingAt(SEND_ONBOARDING));
    assertThat(runtime.getVariable(journey.getId(), Welcome.Variables.CODE_CHANNEL)).isEqualTo("whatsapp");
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "whatsapp");
  }

  @Test
  void smsFailedAndWhatsappRefusedLeaveTelegramWhoseAcceptanceIsFinal() {
    sandbox("sms", Outcome.FAIL);
    sandbox("whatsapp", Outcome.REJECT);
    sandbox("telegram", Outcome.SILENT);
    ProcessInstance journey = start();

    sendNextChannel(journey);
    eventually(() -> assertThat(job(calledBy(journey), DeliverWithFallback.CHOOSE_CHANNEL)).isNotNull());
    sendNextChannel(journey);
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isWaitingAt(SEND_ONBOARDING));
    executeJob(journey, SEND_ONBOARDING);
    assertThat(journey).isEnded().hasPassed(END_WELCOMED);
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactly("sms", "whatsapp", "telegram", "email");
    assertThat(delivery(journey, "telegram").status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void noChannelDeliveringTheCodeGoesToAnOperatorAndEndsFailedWithoutTheEmail() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = start();

    for (int i = 0; i < 3; i++) { // sms, whatsapp, telegram: the welcome row has no more
      sendNextChannel(journey);
    }
    executeJob(calledBy(journey), DeliverWithFallback.CHOOSE_CHANNEL);
    ProcessInstance code = calledBy(journey);
    assertThat(code).isWaitingAt(DeliverWithFallback.HANDLE_UNDELIVERABLE);
    complete(task(code), Map.of(Vars.OPERATOR_DECISION, Vars.DECISION_CLOSE));

    assertThat(journey).isEnded().hasPassed(END_CODE_NOT_DELIVERED).hasNotPassed(SEND_ONBOARDING);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "whatsapp", "telegram");
    assertThat(status(journey)).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void aRefusedOnboardingEmailEndsTheJourneyAfterTheCodeWasDelivered() {
    sandbox("email", Outcome.REJECT);
    ProcessInstance journey = start();

    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(SEND_ONBOARDING));
    executeJob(journey, SEND_ONBOARDING);

    assertThat(journey).isEnded().hasPassed(END_ONBOARDING_NOT_SENT).hasNotPassed(END_WELCOMED);
    assertThat(delivery(journey, "email").status()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(status(journey)).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void startedOverTheApiTheCustomerGetsThePersianCodeBySmsThenThePersianEmail() {
    String businessKey = "signup-" + UUID.randomUUID();
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", Welcome.PLAYBOOK, "businessKey", businessKey,
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE, "email", SARA_EMAIL,
            "locale", "fa", "timeZone", "Asia/Tehran"),
        "variables", Map.of("code", "4711", "loginUrl", "https://app.example.com/login")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery()
        .processInstanceId(started.getBody().path("journeyId").asText()).singleResult();

    sendNextChannel(journey);
    eventually(() -> assertThat(journey).isWaitingAt(SEND_ONBOARDING));
    executeJob(journey, SEND_ONBOARDING);

    assertThat(journey).isEnded();
    assertThat(outbox.list(null, null)).extracting(Entry::channel, Entry::recipient)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sms", SARA_PHONE),
            org.assertj.core.groups.Tuple.tuple("email", SARA_EMAIL));
    assertThat(outbox.list("sms", null).get(0).text()).contains("کد تأیید").contains("4711");
    assertThat(outbox.list("email", null).get(0).text()).containsPattern("[\\u0600-\\u06FF]");
  }

  @Test
  void aStartWithoutTheLoginUrlIsRefused() {
    ResponseEntity<JsonNode> refused = api().postForEntity("/api/journeys", Map.of(
        "playbook", Welcome.PLAYBOOK, "businessKey", "signup-" + UUID.randomUUID(),
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE),
        "variables", Map.of("code", "4711")), JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("errors").toString()).contains("variables.loginUrl");
  }

  private ProcessInstance start() {
    return start(Map.of());
  }

  private ProcessInstance start(Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of("code", "4711", "loginUrl", "https://app.example.com/login"));
    variables.putAll(extra);
    CustomerUpdate customer = new CustomerUpdate("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, CHAT_ID, null,
        null, null, "en", "Asia/Tehran", null);
    String id = journeys.start(new StartJourneyRequest(Welcome.PLAYBOOK, "signup-" + UUID.randomUUID(), customer,
        variables), null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }
}
