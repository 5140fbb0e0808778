package io.omnijourney.channel.sandbox;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Signatures;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the sandbox's delivery webhook refuses although the signature is right. */
class SandboxWebhookTest extends JourneyTest {

  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  @Test
  void aReportFromTheFutureIs400NamingAtAndStoresNothing() throws Exception {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();
    String eventId = "evt-" + UUID.randomUUID();
    String body = reportBody(eventId, sms, "delivered", OffsetDateTime.of(2099, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    ResponseEntity<String> answer = postWebhook(body, SandboxCallbacks.sign(sandboxSecret, body));

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode errors = json.readTree(answer.getBody()).path("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.path(0).path("field").asText()).isEqualTo("at");
    assertThat(storedEvents(eventId, sms, body)).isZero();
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(journey).isWaitingAt(WAIT_SMS);
  }

  @Test
  void aReportAMinuteAheadIsWithinTheClockSkewAndApplies() {
    ProcessInstance journey = waitingForSms();
    String sms = delivery(journey, "sms").providerMessageId();
    String body = reportBody("evt-" + UUID.randomUUID(), sms, "delivered",
        OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1));

    ResponseEntity<String> answer = postWebhook(body, SandboxCallbacks.sign(sandboxSecret, body));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  private ProcessInstance waitingForSms() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    assertThat(journey).isWaitingAt(WAIT_SMS);
    return journey;
  }

  /** Webhook events kept for this report: as received, for its message, or as a dead letter of its body. */
  private long storedEvents(String eventId, String providerMessageId, String body) {
    String deadLetter = "dead:" + Signatures.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
    return jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE event_id IN (?, ?) OR provider_message_id = ?")
        .params(eventId, deadLetter, providerMessageId)
        .query(Long.class)
        .single();
  }
}
