package io.omnijourney.delivery;

import io.omnijourney.channel.SendOutcome.Block;
import java.time.OffsetDateTime;

/**
 * One delivery report, translated from a provider's own format.
 *
 * @param eventId the provider's identity of this event; the same id twice is one event
 * @param block what a failure says about the customer's address on this channel, e.g. a WhatsApp
 *     "failed" with error 131026 or a Twilio "undelivered" with 21610: the profile records it, as
 *     for the same refusal at send time
 * @param errorCode the provider's error code of a failure, kept with the block; may be null
 */
public record ProviderReport(String eventId, String providerMessageId, DeliveryStatus status, OffsetDateTime occurredAt,
    Block block, String errorCode) {

  public ProviderReport(String eventId, String providerMessageId, DeliveryStatus status, OffsetDateTime occurredAt) {
    this(eventId, providerMessageId, status, occurredAt, Block.NONE, null);
  }
}
