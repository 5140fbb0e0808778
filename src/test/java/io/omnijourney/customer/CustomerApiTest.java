package io.omnijourney.customer;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.sandbox.SandboxOutbox.Entry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.support.JourneyTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The customer profile API: read, find by phone or email, and opt-outs that journeys respect. */
class CustomerApiTest extends JourneyTest {

  @Autowired Customers customers;

  @Test
  void aProfileShowsItsIdentitiesNormalised() {
    String id = "cust-" + UUID.randomUUID();
    startOrderConfirmation(id, Map.of());

    ResponseEntity<JsonNode> answer = api().getForEntity("/api/customers/" + id, JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("phone").asText()).isEqualTo(SARA_PHONE);
    assertThat(answer.getBody().path("email").asText()).isEqualTo(SARA_EMAIL);
    assertThat(answer.getBody().path("locale").asText()).isEqualTo("fa");
    assertThat(answer.getBody().path("optOuts")).isEmpty();
  }

  @Test
  void putCreatesAProfileAndLaterUpdatesOnlyTheFieldsGiven() {
    String id = "cust-" + UUID.randomUUID();

    ResponseEntity<JsonNode> created = put(id, Map.of("phone", "+7 916 123-45-67", "email", "Ivan@Example.RU",
        "locale", "ru", "timeZone", "Europe/Moscow"));
    ResponseEntity<JsonNode> updated = put(id, Map.of("locale", "en", "telegramChatId", "5512345"));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(created.getBody().path("phone").asText()).isEqualTo("+79161234567");
    assertThat(created.getBody().path("email").asText()).isEqualTo("ivan@example.ru");
    assertThat(updated.getBody().path("phone").asText()).isEqualTo("+79161234567");
    assertThat(updated.getBody().path("locale").asText()).isEqualTo("en");
    assertThat(updated.getBody().path("telegramChatId").asText()).isEqualTo("5512345");
    assertThat(updated.getBody().path("timeZone").asText()).isEqualTo("Europe/Moscow");
  }

  @Test
  void putNamesEveryBadFieldAndStoresNothing() {
    String id = "cust-" + UUID.randomUUID();

    ResponseEntity<JsonNode> answer = put(id, Map.of("id", "someone-else", "phone", "0912", "locale", "de",
        "timeZone", "Mars/Olympus"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().path("errors").findValuesAsText("field"))
        .containsExactly("id", "locale", "phone", "timeZone");
    assertThat(api().getForEntity("/api/customers/" + id, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aReadReceiptTeachesTheChannelTheCustomerAnswersOn() {
    sandbox("sms", Outcome.SILENT);
    String id = "cust-" + UUID.randomUUID();
    ProcessInstance journey = startOrderConfirmation(id, Map.of());
    assertThat(api().getForObject("/api/customers/" + id, JsonNode.class).has("learnedChannel")).isFalse();
    executeJob(journey, SEND_SMS);

    report(delivery(journey, "sms").providerMessageId(), "read");

    assertThat(api().getForObject("/api/customers/" + id, JsonNode.class).path("learnedChannel").asText())
        .isEqualTo("sms");
  }

  @Test
  void anOlderEngagementDoesNotReplaceANewerOne() {
    String id = "cust-" + UUID.randomUUID();
    startOrderConfirmation(id, Map.of());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    customers.engaged(id, Channel.WHATSAPP, now);
    customers.engaged(id, Channel.SMS, now.minusMinutes(5));

    assertThat(customers.learnedChannel(id)).contains(Channel.WHATSAPP);
  }

  @Test
  void anUnknownCustomerIs404() {
    ResponseEntity<JsonNode> answer = api().getForEntity("/api/customers/nobody-" + UUID.randomUUID(), JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
  }

  @Test
  void profilesAreFoundByPhoneInAnyNotationAndByEmailInAnyCase() {
    String id = "cust-" + UUID.randomUUID();
    startOrderConfirmation(id, Map.of());

    JsonNode byPhone = api().getForObject("/api/customers?phone={phone}", JsonNode.class, "+98 912 123 4567");
    JsonNode byEmail = api().getForObject("/api/customers?email={email}", JsonNode.class, "Sara@Example.COM");

    assertThat(byPhone.findValuesAsText("id")).contains(id);
    assertThat(byEmail.findValuesAsText("id")).contains(id);
  }

  @Test
  void aSearchNeedsExactlyOneValidPhoneOrEmail() {
    for (String query : new String[] {"", "?phone=%2B989121234567&email=sara@example.com", "?phone=0912", "?email=x"}) {
      ResponseEntity<JsonNode> answer = api().getForEntity("/api/customers" + query, JsonNode.class);
      assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody().path("errors").path(0).path("field").asText()).as(query).isIn("phone", "email");
    }
  }

  @Test
  void afterAnSmsOptOutTheNextJourneySkipsSmsAndStartsOnWhatsapp() {
    sandbox("sms", Outcome.SILENT);
    sandbox("whatsapp", Outcome.SILENT);
    String id = "cust-" + UUID.randomUUID();
    ProcessInstance first = startOrderConfirmation(id, Map.of());
    executeJob(first, SEND_SMS);
    assertThat(first).isWaitingAt(WAIT_SMS);

    ResponseEntity<JsonNode> optOut = api().postForEntity("/api/customers/" + id + "/opt-outs",
        Map.of("channel", "sms"), JsonNode.class);
    assertThat(optOut.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(optOut.getBody().path("optOuts").path(0).path("channel").asText()).isEqualTo("sms");
    assertThat(optOut.getBody().path("optOuts").path(0).path("kind").asText()).isEqualTo("opted-out");
    assertThat(optOut.getBody().path("optOuts").path(0).path("everyAddress").asBoolean()).isTrue();
    outbox.clear();

    ProcessInstance next = startOrderConfirmation(id, Map.of());
    executeJob(next, SEND_SMS);
    assertThat(next).isWaitingAt(SEND_WHATSAPP).hasNotPassed(WAIT_SMS);
    executeJob(next, SEND_WHATSAPP);

    assertThat(next).isWaitingAt(WAIT_WHATSAPP);
    assertThat(outbox.list(null, null)).extracting(Entry::channel).containsExactly("whatsapp");
    assertThat(delivery(next, "sms").errorCode()).isEqualTo("opted-out");
  }

  @Test
  void anOptOutNeedsAKnownChannelAndAKnownCustomer() {
    String id = "cust-" + UUID.randomUUID();
    startOrderConfirmation(id, Map.of());

    ResponseEntity<JsonNode> badChannel = api().postForEntity("/api/customers/" + id + "/opt-outs",
        Map.of("channel", "pigeon"), JsonNode.class);
    ResponseEntity<JsonNode> nobody = api().postForEntity("/api/customers/nobody-" + UUID.randomUUID() + "/opt-outs",
        Map.of("channel", "sms"), JsonNode.class);

    assertThat(badChannel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badChannel.getBody().path("errors").path(0).path("field").asText()).isEqualTo("channel");
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api().getForObject("/api/customers/" + id, JsonNode.class).path("optOuts")).isEmpty();
  }

  @Test
  void theProfileApiNeedsALogin() {
    assertThat(http.getForEntity("/api/customers/anyone", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private ResponseEntity<JsonNode> put(String id, Map<String, String> body) {
    return api().exchange("/api/customers/" + id, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
  }
}
