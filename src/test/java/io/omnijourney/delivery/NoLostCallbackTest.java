package io.omnijourney.delivery;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.channel.sandbox.SandboxProvider;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.delivery.ProviderEvents.Pending;
import io.omnijourney.support.JourneyTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No callback is lost (invariant 6 of docs/architecture.md) and fault 12 of docs/reliability.md (an
 * unreadable webhook): the sweeper and the dead letters.
 */
class NoLostCallbackTest extends JourneyTest {

  @Autowired DeliveryLedger ledger;
  @Autowired DeliverySweeper sweeper;
  @Autowired DeliveryReports reports;
  @Autowired JdbcClient jdbc;

  @Test
  void aReportWhoseCorrelationNeverHappenedIsSettledByTheSweeper() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    // The webhook committed the status, then the node died before it told the engine.
    ledger.advance(delivery(journey, "sms").id(), DeliveryStatus.DELIVERED);
    assertThat(journey).isWaitingAt(WAIT_SMS);

    sweeper.sweep();

    assertThat(journey).isWaitingAt(WAIT_INVOICE);
    assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.CORRELATED);
  }

  @Test
  void aReportThatCameBeforeTheProviderIdWasRecordedIsAppliedByTheSweeper() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    String sms = delivery(journey, "sms").providerMessageId();
    // Stored in the inbox while the send had not yet written the provider's id into the ledger.
    jdbc.sql("UPDATE delivery SET provider_message_id = NULL WHERE provider_message_id = ?").param(sms).update();
    report(sms, "delivered");
    jdbc.sql("UPDATE delivery SET provider_message_id = ? WHERE journey_id = ?").params(sms, journey.getId()).update();
    assertThat(journey).isWaitingAt(WAIT_SMS);

    sweeper.sweep();

    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
  }

  /**
   * The webhook, the sweeper and a send that has just recorded the provider's id may each apply the
   * same report. Seen on two nodes: the sweeper read a report while it was still unapplied, the
   * webhook applied it, and the sweeper's late "status stays DELIVERED" turned its record to IGNORED.
   */
  @Test
  void aReportAppliedTwiceAtOnceStaysRecordedAsApplied() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    executeJob(journey, SEND_SMS);
    String sms = delivery(journey, "sms").providerMessageId();
    String eventId = "evt-" + UUID.randomUUID();
    Pending readByTheSweeper = new Pending(SandboxProvider.NAME, eventId, sms, DeliveryStatus.DELIVERED, null);

    report(eventId, sms, "delivered");
    reports.apply(readByTheSweeper);

    assertThat(jdbc.sql("SELECT state FROM webhook_event WHERE event_id = ?").param(eventId).query(String.class)
        .single()).isEqualTo("APPLIED");
    assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.CORRELATED);
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
  }

  @Test
  void fault12_anUnreadableSignedWebhookIsKeptAsADeadLetterAndAnswered() {
    String garbage = "{\"status\": \"exploded\", \"nonce\": \"" + UUID.randomUUID() + "\"}";

    var answer = postWebhook(garbage, SandboxCallbacks.sign(sandboxSecret, garbage));
    var again = postWebhook(garbage, SandboxCallbacks.sign(sandboxSecret, garbage));

    assertThat(answer.getStatusCode().value()).isEqualTo(202);
    assertThat(again.getStatusCode().value()).isEqualTo(202);
    assertThat(jdbc.sql("SELECT state FROM webhook_event WHERE payload = ?").param(garbage).query(String.class).list())
        .containsExactly("DEAD");
  }

  @Test
  void aReportThatNeverMatchesADeliveryBecomesADeadLetterAfterTheGracePeriod() {
    String orphan = "sbx-" + UUID.randomUUID();
    report(orphan, "delivered");
    jdbc.sql("UPDATE webhook_event SET received_at = ? WHERE provider_message_id = ?")
        .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(2), orphan).update();

    sweeper.sweep();

    assertThat(jdbc.sql("SELECT state FROM webhook_event WHERE provider_message_id = ?").param(orphan)
        .query(String.class).single()).isEqualTo("DEAD");
  }
}
