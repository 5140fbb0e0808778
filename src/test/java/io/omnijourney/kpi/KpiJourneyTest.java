package io.omnijourney.kpi;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_WHATSAPP;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.support.JourneyTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The KPI tests' data set, seeded through the API and the sandbox as a shop and its customers
 * would: 10 order confirmations, 6 SMS delivered, 4 SMS silent until the timer, then WhatsApp
 * delivered; one customer opts out of SMS. Each test seeds its own set in a window of its own.
 */
abstract class KpiJourneyTest extends JourneyTest {

  /** The seeded window, and the SMS parts of one confirmation (the same text for every customer). */
  record Seeded(Instant from, Instant to, int smsSegmentsEach) {
    String query() {
      return "from=" + from + "&to=" + to;
    }
  }

  Seeded seedTenOrderConfirmations() {
    Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<ProcessInstance> journeys = new ArrayList<>();
    rules("deliver");
    for (int i = 0; i < 6; i++) {
      ProcessInstance journey = startThroughTheApi();
      executeJob(journey, SEND_SMS);
      journeys.add(journey);
    }
    rules("silent");
    for (int i = 0; i < 4; i++) {
      ProcessInstance journey = startThroughTheApi();
      executeJob(journey, SEND_SMS);
      executeJob(journey, SMS_NOT_DELIVERED);
      executeJob(journey, SEND_WHATSAPP);
      journeys.add(journey);
    }
    journeys.forEach(journey -> eventually(() -> assertThat(journey).isWaitingAt(WAIT_INVOICE)));
    var optOut = api().postForEntity("/api/customers/" + customerOf(journeys.get(0)) + "/opt-outs",
        Map.of("channel", "sms"), String.class);
    assertThat(optOut.getStatusCode().value()).isEqualTo(201);
    int segments = delivery(journeys.get(0), "sms").segments();
    return new Seeded(from, Instant.now().plusMillis(1).truncatedTo(ChronoUnit.MILLIS).plusMillis(1), segments);
  }

  /** SMS behaves as told in the sandbox; every other channel delivers. */
  private void rules(String smsOutcome) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "[{\"channel\": \"sms\", \"recipient\": \"*\", \"outcome\": \"" + smsOutcome + "\", \"delayMs\": 0}]";
    var answer = api().exchange("/sandbox/rules", HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
  }

  private ProcessInstance startThroughTheApi() {
    String customer = "kpi-" + UUID.randomUUID();
    var request = Map.of(
        "playbook", "order-confirmation",
        "businessKey", "order-" + UUID.randomUUID(),
        "customer", Map.of("id", customer, "phone", SARA_PHONE, "email", SARA_EMAIL, "locale", "fa"),
        "variables", Map.of("orderNumber", "1001", "smsTimeout", "PT10S"));
    var answer = api().postForEntity("/api/journeys", request, JsonNode.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    String id = answer.getBody().get("journeyId").asText();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }
}
