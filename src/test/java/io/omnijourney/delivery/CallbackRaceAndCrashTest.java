package io.omnijourney.delivery;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_INVOICE;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.support.JourneyTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Faults 1 and 6 of docs/reliability.md. Both happen inside the send job's transaction, so the test
 * wraps the real {@link Deliveries}: once to play the provider calling back before our commit, once
 * to play a node dying after the provider accepted.
 */
class CallbackRaceAndCrashTest extends JourneyTest {

  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;

  @Test
  void fault1_providerCallsBackDeliveredBeforeTheSendCommitted_journeyTakesTheDeliveredPathOnce() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    List<HttpStatusCode> providerGot = new ArrayList<>();
    doAnswer(call -> {
      Delivery accepted = (Delivery) call.callRealMethod();
      // The send's transaction is still open: the wait state is not committed yet.
      providerGot.add(report(accepted.providerMessageId(), "delivered").getStatusCode());
      assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.DELIVERED);
      return accepted;
    }).doCallRealMethod().when(deliveries).send(any());
    double before = correlations();

    executeJob(journey, SEND_SMS);

    assertThat(providerGot).singleElement().matches(HttpStatusCode::is2xxSuccessful);
    assertThat(journey).isWaitingAt(WAIT_INVOICE);
    assertThat(delivery(journey, "sms").correlation()).isEqualTo(Correlation.CORRELATED);
    assertThat(correlations() - before).isEqualTo(1.0);
  }

  @Test
  void fault6_nodeDiesAfterTheProviderAccepted_theRetriedJobDoesNotCallTheProviderAgain() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    doAnswer(call -> {
      call.callRealMethod();
      throw new IllegalStateException("node killed after the provider accepted, before the commit");
    }).doCallRealMethod().when(deliveries).send(any());

    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).hasMessageContaining("node killed");
    assertThat(journey).isWaitingAt(SEND_SMS);
    executeJob(journey, SEND_SMS);

    assertThat(outbox.list("sms", null)).hasSize(1);
    assertThat(deliveriesOf(journey)).singleElement().satisfies(sms -> {
      assertThat(sms.status()).isEqualTo(DeliveryStatus.ACCEPTED);
      assertThat(sms.attempts()).isEqualTo(1);
    });
    assertThat(journey).isWaitingAt(WAIT_SMS);
  }

  @Test
  void answerLostAfterTheProviderTookTheMessage_theRetryFindsItByOurReferenceInsteadOfSendingAgain() {
    sandbox("sms", Outcome.SILENT);
    ProcessInstance journey = startOrderConfirmation();
    doAnswer(call -> {
      SendRequest request = call.getArgument(0);
      Delivery sent = (Delivery) call.callRealMethod();
      // Play a lost answer: the ledger is left as it is while the provider call is under way.
      jdbc.sql("UPDATE delivery SET status = 'PENDING', provider_message_id = NULL, in_flight = TRUE WHERE id = ?")
          .param(sent.id()).update();
      throw new IllegalStateException("read timed out for " + request.channel());
    }).doCallRealMethod().when(deliveries).send(any());

    assertThatThrownBy(() -> executeJob(journey, SEND_SMS)).hasMessageContaining("read timed out");
    executeJob(journey, SEND_SMS);

    assertThat(outbox.list("sms", null)).hasSize(1);
    assertThat(delivery(journey, "sms").status()).isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(delivery(journey, "sms").providerMessageId()).isEqualTo(outbox.list("sms", null).get(0).providerMessageId());
    assertThat(journey).isWaitingAt(WAIT_SMS);
  }

  private double correlations() {
    return meters.counter("omnijourney.correlations", "result", "correlated").count();
  }
}
