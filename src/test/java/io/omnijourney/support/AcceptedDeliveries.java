package io.omnijourney.support;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.delivery.DeliveryLedger;
import io.omnijourney.delivery.DeliveryLedger.NewDelivery;
import java.util.UUID;

/**
 * Puts a delivery that a real provider has accepted into the ledger, through the ledger's own API
 * and in the two steps {@code Deliveries.send} takes: the attempt starts, then the provider's
 * message id is recorded. A webhook test needs a delivery under the provider's name, and the
 * shared test context sends every channel through the sandbox; pointing a journey at a provider
 * would cost another application context. The journey side of a report is covered by the
 * sandbox's journey tests, which go through the same {@code DeliveryReports}.
 */
public final class AcceptedDeliveries {

  private AcceptedDeliveries() {}

  /** An SMS to a customer without a profile. @return the delivery id */
  public static String accepted(DeliveryLedger ledger, String provider, String providerMessageId) {
    return accepted(ledger, provider, providerMessageId, null, Channel.SMS);
  }

  /** @return the delivery id */
  public static String accepted(DeliveryLedger ledger, String provider, String providerMessageId, String customerId,
      Channel channel) {
    String id = UUID.randomUUID().toString();
    NewDelivery request = new NewDelivery("test:" + id, "journey-" + id, "Task_Send", customerId != null ? customerId
        : "cust-" + id, channel, "order-confirmation", null);
    ledger.startAttempt(request, id, provider, Mask.recipient(JourneyTest.SARA_PHONE), 1);
    ledger.recordAccepted(id, providerMessageId);
    return id;
  }
}
