package io.omnijourney.policy;

import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.CHOOSE_CHANNEL;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.END_DELIVERED;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.END_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.HANDLE_UNDELIVERABLE;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.NOT_DELIVERED_IN_TIME;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.SEND;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.WAIT_CONTACT_WINDOW;
import static io.omnijourney.support.PlaybookIds.DeliverWithFallback.WAIT_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.journey.JourneyStatus;
import io.omnijourney.journey.StartJourneyRequest;
import io.omnijourney.support.JourneyTest;
import io.omnijourney.support.PlaybookIds.DeliverWithFallback;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * "Deliver with fallback" in the real application: the channel order from channel-policy.dmn, the
 * customer's stated and learned channels first, opt-outs skipped, one channel at a time until one
 * delivers. The test template {@code policy-test} has a text for every channel.
 */
class DeliverWithFallbackTest extends JourneyTest {

  static final String CHAT_ID = "5512345";

  @Autowired RepositoryService repository;
  @Autowired Customers customers;

  /** Marketing waits out quiet hours: these tests run at noon in Tehran, whatever the real time. */
  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  @Test
  void theFirstChannelOfThePolicyThatDeliversEndsIt() {
    ProcessInstance journey = deliver(customer(), "transactional");

    executeJob(journey, CHOOSE_CHANNEL);
    executeJob(journey, SEND);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_DELIVERED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms");
    assertThat(outbox.list("sms", null).get(0).text()).isEqualTo("Your code is 4711.");
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.COMPLETED);
  }

  @Test
  void fallsBackChannelByChannelOnSilenceFailureAndRefusalUntilOneTakesIt() {
    sandbox("sms", Outcome.SILENT);
    sandbox("whatsapp", Outcome.FAIL);
    sandbox("telegram", Outcome.REJECT);
    ProcessInstance journey = deliver(customer(), "transactional");

    sendNextChannel(journey);
    assertThat(journey).isWaitingAt(WAIT_DELIVERY);
    executeJob(journey, NOT_DELIVERED_IN_TIME);
    sendNextChannel(journey);
    eventually(() -> assertThat(job(journey, CHOOSE_CHANNEL)).isNotNull());
    sendNextChannel(journey);
    sendNextChannel(journey);

    // SMS silent, WhatsApp failed, Telegram refused; Viber has no address; email takes it.
    eventually(() -> assertThat(journey).isEnded().hasPassed(END_DELIVERED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactly("sms", "whatsapp", "telegram", "email");
    assertThat(deliveriesOf(journey)).extracting(d -> d.channel().id() + ":" + d.status())
        .containsExactlyInAnyOrder("sms:ACCEPTED", "whatsapp:FAILED", "telegram:REJECTED", "email:DELIVERED");
  }

  @Test
  void onAChannelWithoutDeliveryReportsAcceptedIsFinal() {
    sandbox("sms", Outcome.REJECT);
    sandbox("whatsapp", Outcome.REJECT);
    sandbox("telegram", Outcome.SILENT);
    ProcessInstance journey = deliver(customer(), "transactional");

    sendNextChannel(journey);
    sendNextChannel(journey);
    sendNextChannel(journey);

    assertThat(journey).isEnded().hasPassed(END_DELIVERED).hasNotPassed(WAIT_DELIVERY);
    assertThat(delivery(journey, "telegram").status()).isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void aTransactionalMessageNoChannelDeliversGoesToAnOperator() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = deliver(customer(), "transactional");

    for (int i = 0; i < 4; i++) { // sms, whatsapp, telegram, email (no viber or push address)
      sendNextChannel(journey);
    }
    executeJob(journey, CHOOSE_CHANNEL); // nothing left

    assertThat(journey).isWaitingAt(HANDLE_UNDELIVERABLE);
    assertThat(runtime.getVariable(journey.getId(), Vars.DELIVERED_CHANNEL)).as("nothing delivered").isNull();
    // What Tasklist loads to render the task: the Camunda Form of the diagram's own deployment.
    String taskId = task(journey).getId();
    for (String api : new String[] {"/engine-rest", "/camunda/api/engine/engine/default"}) {
      ResponseEntity<String> form = api().getForEntity(api + "/task/" + taskId + "/deployed-form", String.class);
      assertThat(form.getStatusCode().value()).as(api).isEqualTo(200);
      assertThat(form.getBody()).as(api).contains("\"id\": \"handle-undeliverable-customer\"")
          .contains("\"key\": \"" + Vars.OPERATOR_DECISION + "\"");
    }
    complete(task(journey), Map.of(Vars.OPERATOR_DECISION, Vars.DECISION_CLOSE));
    assertThat(journey).isEnded();
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void theOperatorsRetryTriesEveryChannelAgainWithTheCorrectedData() {
    sandbox("*", Outcome.REJECT);
    CustomerUpdate customer = customer();
    ProcessInstance journey = deliver(customer, "transactional");
    for (int i = 0; i < 4; i++) {
      sendNextChannel(journey);
    }
    executeJob(journey, CHOOSE_CHANNEL);
    sandboxRules.replace(List.of());

    complete(task(journey), Map.of(Vars.OPERATOR_DECISION, Vars.DECISION_RETRY, Vars.CORRECTED_PHONE, "+989127654321"));
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_DELIVERED));
    assertThat(outbox.list("sms", null)).extracting(Entry::recipient).containsExactly("+989121234567", "+989127654321");
  }

  @Test
  void aMarketingMessageNoChannelDeliversEndsWithoutAnOperator() {
    sandbox("*", Outcome.REJECT);
    ProcessInstance journey = deliver(customer(), "marketing");

    for (int i = 0; i < 4; i++) {
      sendNextChannel(journey);
    }
    executeJob(journey, CHOOSE_CHANNEL);

    assertThat(journey).isEnded().hasPassed(END_NOT_DELIVERED).hasNotPassed(HANDLE_UNDELIVERABLE);
    assertThat(records.find(journey.getId()).orElseThrow().status()).isEqualTo(JourneyStatus.FAILED);
  }

  @Test
  void aCustomerWhoReadWhatsappLastGetsWhatsappFirstNextTime() {
    CustomerUpdate customer = customer();
    sandbox("sms", Outcome.REJECT);
    sandbox("whatsapp", Outcome.SILENT);
    ProcessInstance first = deliver(customer, "transactional");
    sendNextChannel(first);
    sendNextChannel(first);
    report(delivery(first, "whatsapp").providerMessageId(), "read");
    eventually(() -> assertThat(first).isEnded());
    sandboxRules.replace(List.of());
    outbox.clear();

    ProcessInstance next = deliver(customer, "transactional");
    assertThat(choose(next)).isEqualTo("whatsapp,sms,telegram,viber,email,push");
    executeJob(next, SEND);

    eventually(() -> assertThat(next).isEnded());
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
  }

  @Test
  void theChannelsTheCustomerStatedComeBeforeTheLearnedOne() {
    CustomerUpdate customer = customer();
    ProcessInstance journey = deliver(customer, "transactional");
    ResponseEntity<JsonNode> put = api().exchange("/api/customers/" + customer.id(), HttpMethod.PUT,
        new HttpEntity<>(Map.of("preferredChannels", List.of("email", "telegram"))), JsonNode.class);
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    customers.engaged(customer.id(), Channel.WHATSAPP, OffsetDateTime.now());

    assertThat(choose(journey)).isEqualTo("email,telegram,sms,whatsapp,viber,push");
    executeJob(journey, SEND);

    eventually(() -> assertThat(journey).isEnded());
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("email");
    JsonNode profile = api().getForObject("/api/customers/" + customer.id(), JsonNode.class);
    assertThat(profile.path("preferredChannels").toString()).isEqualTo("[\"email\",\"telegram\"]");
  }

  @Test
  void aStatedPreferenceWithAnUnknownChannelIsRefusedFieldByField() {
    CustomerUpdate customer = customer();
    ResponseEntity<JsonNode> answer = api().exchange("/api/customers/" + customer.id(), HttpMethod.PUT,
        new HttpEntity<>(Map.of("preferredChannels", List.of("sms", "fax", "sms"))),
        JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().path("errors").toString())
        .contains("preferredChannels[1]").contains("preferredChannels[2]");
  }

  @Test
  void aChannelTheCustomerOptedOutOfIsSkippedBeforeAnySend() {
    CustomerUpdate customer = customer();
    api().put("/api/customers/" + customer.id(), Map.of("phone", SARA_PHONE));
    api().postForEntity("/api/customers/" + customer.id() + "/opt-outs", Map.of("channel", "sms"), JsonNode.class);

    ProcessInstance journey = deliver(customer, "transactional");
    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded());
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(deliveriesOf(journey)).extracting(d -> d.channel().id()).containsExactly("whatsapp");
  }

  @Test
  void aChangedChannelPolicyTakesEffectForNewJourneysWithoutACodeChange() throws Exception {
    String dmn = new String(new ClassPathResource("channel-policy.dmn").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    String changed = dmn.replace("\"sms, whatsapp, telegram, viber, email, push\"", "\"email, sms\"");
    assertThat(changed).isNotEqualTo(dmn);
    ProcessInstance before = deliver(customer(), "transactional");
    String deployment = repository.createDeployment().name("analyst's change")
        .addString("channel-policy.dmn", changed).deploy().getId();
    try {
      ProcessInstance after = deliver(customer(), "transactional");
      assertThat(choose(after)).isEqualTo("email,sms");
      executeJob(after, SEND);
      eventually(() -> assertThat(after).isEnded());
      assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("email");
    } finally {
      repository.deleteDeployment(deployment, true);
    }
    // The original policy is back for the journey that was waiting to choose.
    outbox.clear();
    sendNextChannel(before);
    eventually(() -> assertThat(before).isEnded());
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms");
  }

  @Test
  void aStartWithoutTheTemplateOrItsVariablesIsRefusedBeforeAnythingRuns() {
    ResponseEntity<JsonNode> noTemplate = start(Map.of("code", "1"));
    ResponseEntity<JsonNode> unknown = start(Map.of("template", "no-such-template", "code", "1"));
    ResponseEntity<JsonNode> noVariable = start(Map.of("template", "policy-test"));

    assertThat(noTemplate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noTemplate.getBody().path("errors").toString()).contains("variables.template");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody().path("errors").toString()).contains("names no template");
    ResponseEntity<JsonNode> path = start(Map.of("template", "../../META-INF", "code", "1"));
    assertThat(path.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(path.getBody().path("errors").toString()).contains("variables.template").contains("names no template");
    assertThat(noVariable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noVariable.getBody().path("errors").toString())
        .contains("variables.code").contains("policy-test");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DeliverWithFallback.PROCESS).list())
        .noneMatch(p -> "refused".equals(p.getBusinessKey()));
  }

  @Test
  void marketingAt23InTheCustomersTimeZoneWaitsUntil08AndTransactionalDoesNot() {
    ClockUtil.setCurrentTime(at(2026, 11, 23, 23, 0));
    CustomerUpdate customer = customer();
    ProcessInstance offer = deliver(customer, "marketing");
    ProcessInstance code = deliver(customer, "transactional");

    executeJob(offer, CHOOSE_CHANNEL);
    sendNextChannel(code);

    assertThat(offer).isWaitingAt(WAIT_CONTACT_WINDOW);
    assertThat(job(offer, WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 24, 8, 0));
    eventually(() -> assertThat(code).isEnded());
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms");

    ClockUtil.setCurrentTime(at(2026, 11, 24, 8, 0));
    executeJob(offer, WAIT_CONTACT_WINDOW);
    executeJob(offer, SEND);

    eventually(() -> assertThat(offer).isEnded().hasPassed(END_DELIVERED));
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("sms", "whatsapp");
    assertThat(delivery(offer, "whatsapp").policyNote())
        .isEqualTo("quiet hours 22:00-08:00 Asia/Tehran: waited until 2026-11-24T08:00+03:30");
    assertThat(delivery(code, "sms").policyNote()).isNull();
  }

  @Test
  void theFourthMarketingMessageOfTheDayWaitsForTheNextDayAndItsFallbacksAreNotCounted() {
    CustomerUpdate customer = customer();
    for (int i = 0; i < 2; i++) {
      ProcessInstance offer = deliver(customer, "marketing");
      sendNextChannel(offer);
      eventually(() -> assertThat(offer).isEnded());
    }
    sandbox("whatsapp", Outcome.REJECT);
    ProcessInstance third = deliver(customer, "marketing");
    sendNextChannel(third);
    sendNextChannel(third); // its fallback to Telegram is the same message: not held by the cap
    assertThat(third).isEnded();
    sandboxRules.replace(List.of());

    ProcessInstance fourth = deliver(customer, "marketing");
    executeJob(fourth, CHOOSE_CHANNEL);
    ProcessInstance code = deliver(customer, "transactional");
    sendNextChannel(code);

    assertThat(fourth).isWaitingAt(WAIT_CONTACT_WINDOW);
    assertThat(job(fourth, WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 24, 0, 0));
    eventually(() -> assertThat(code).isEnded());
    assertThat(outbox.list(null, null)).extracting(Entry::channel)
        .containsExactly("whatsapp", "whatsapp", "whatsapp", "telegram", "sms");

    // Midnight is inside quiet hours: the next day's first marketing message goes at 08:00.
    ClockUtil.setCurrentTime(at(2026, 11, 24, 0, 0));
    executeJob(fourth, WAIT_CONTACT_WINDOW);
    assertThat(job(fourth, WAIT_CONTACT_WINDOW).getDuedate()).isEqualTo(at(2026, 11, 24, 8, 0));
    ClockUtil.setCurrentTime(at(2026, 11, 24, 8, 0));
    executeJob(fourth, WAIT_CONTACT_WINDOW);
    executeJob(fourth, SEND);

    eventually(() -> assertThat(fourth).isEnded().hasPassed(END_DELIVERED));
    assertThat(delivery(fourth, "whatsapp").policyNote())
        .startsWith("frequency cap: 3 marketing messages on 2026-11-23 Asia/Tehran: waited until 2026-11-24T00:00+03:30")
        .endsWith("quiet hours 22:00-08:00 Asia/Tehran: waited until 2026-11-24T08:00+03:30");
    JsonNode view = api().getForObject("/api/journeys/" + fourth.getId(), JsonNode.class);
    assertThat(view.path("deliveries").get(0).path("policyNote").asText()).startsWith("frequency cap");
  }

  @Test
  void startedOverTheApiAMarketingMessageGoesOnThePolicysFirstChannelInTheCustomersLanguage() {
    ResponseEntity<JsonNode> started = api().postForEntity("/api/journeys", Map.of(
        "playbook", DeliverWithFallback.PLAYBOOK, "businessKey", "cart-" + UUID.randomUUID(),
        "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", "+79161234567", "email", "ivan@example.com",
            "locale", "ru", "timeZone", "Europe/Moscow"),
        "variables", Map.of("template", "abandoned-cart", "category", "marketing",
            "cartUrl", "https://shop.example/cart/7")), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance journey = runtime.createProcessInstanceQuery()
        .processInstanceId(started.getBody().path("journeyId").asText()).singleResult();

    sendNextChannel(journey);

    eventually(() -> assertThat(journey).isEnded().hasPassed(END_DELIVERED));
    assertThat(outbox.list(null, null)).singleElement().satisfies(message -> {
      assertThat(message.channel()).isEqualTo("whatsapp");
      assertThat(message.recipient()).isEqualTo("+79161234567");
      assertThat(message.text()).contains("корзине").contains("https://shop.example/cart/7");
    });
  }

  private ResponseEntity<JsonNode> start(Map<String, Object> variables) {
    return api().postForEntity("/api/journeys", Map.of("playbook", DeliverWithFallback.PLAYBOOK,
        "businessKey", "refused", "customer", Map.of("id", "cust-" + UUID.randomUUID(), "phone", SARA_PHONE),
        "variables", variables), JsonNode.class);
  }

  /** Chooses the next channel, and answers the message's channel order as it stands then. */
  private String choose(ProcessInstance journey) {
    executeJob(journey, CHOOSE_CHANNEL);
    return (String) runtime.createVariableInstanceQuery().processInstanceIdIn(journey.getId())
        .variableName(Vars.CHANNEL_PLAN).singleResult().getValue();
  }

  static CustomerUpdate customer() {
    return new CustomerUpdate("cust-" + UUID.randomUUID(), SARA_PHONE, SARA_EMAIL, CHAT_ID, null, null, null, "en",
        "Asia/Tehran", null);
  }

  ProcessInstance deliver(CustomerUpdate customer, String category) {
    return deliver(customer, category, Map.of());
  }

  ProcessInstance deliver(CustomerUpdate customer, String category, Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of("template", "policy-test", "code", "4711",
        Vars.CATEGORY, category, "deliveryTimeout", "PT1M"));
    variables.putAll(extra);
    String id = journeys.start(new StartJourneyRequest(DeliverWithFallback.PLAYBOOK, "msg-" + UUID.randomUUID(),
        customer, variables), null).journey().id();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }
}
