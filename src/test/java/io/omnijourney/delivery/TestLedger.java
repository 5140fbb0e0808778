package io.omnijourney.delivery;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.delivery.DeliveryLedger.NewDelivery;
import io.omnijourney.support.JourneyTest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery ledger for tests of other packages, where {@code DeliveryLedger} is out of reach.
 * It puts a delivery that a real provider has accepted into the ledger, through the ledger's own
 * API and in the two steps {@code Deliveries.send} takes: the attempt starts, then the provider's
 * message id is recorded. A webhook test needs a delivery under the provider's name, and the
 * shared test context sends every channel through the sandbox; pointing a journey at a provider
 * would cost another application context. The journey side of a report is covered by the
 * sandbox's journey tests, which go through the same {@code DeliveryReports}.
 */
public class TestLedger {

  private final DeliveryLedger ledger;

  public TestLedger(JdbcClient jdbc) {
    this.ledger = new DeliveryLedger(jdbc);
  }

  /** An SMS to a customer without a profile. @return the delivery id */
  public String accepted(String provider, String providerMessageId) {
    return accepted(provider, providerMessageId, null, Channel.SMS);
  }

  /** @return the delivery id */
  public String accepted(String provider, String providerMessageId, String customerId, Channel channel) {
    String id = UUID.randomUUID().toString();
    NewDelivery request = new NewDelivery("test:" + id, "journey-" + id, "Task_Send", customerId != null ? customerId
        : "cust-" + id, channel, "order-confirmation", null);
    ledger.startAttempt(request, id, provider, Mask.recipient(JourneyTest.SARA_PHONE), 1);
    ledger.recordAccepted(id, providerMessageId);
    return id;
  }

  /** The first step of a send, in journey {@code journey-<id>}: the provider call is about to start. */
  public void startAttempt(String id, String activityId, String customerId, Channel channel, String template,
      String provider, String recipientMasked) {
    ledger.startAttempt(new NewDelivery("test:" + id, "journey-" + id, activityId, customerId, channel, template, null),
        id, provider, recipientMasked, null);
  }

  /** The second step: the provider took the message under its id. */
  public void recordAccepted(String id, String providerMessageId) {
    ledger.recordAccepted(id, providerMessageId);
  }

  public Optional<Delivery> find(String id) {
    return ledger.find(id);
  }

  public Optional<Delivery> findByProviderMessage(String provider, String providerMessageId) {
    return ledger.findByProviderMessage(provider, providerMessageId);
  }

  public List<String> findUnsettled(int limit) {
    return ledger.findUnsettled(limit);
  }
}
