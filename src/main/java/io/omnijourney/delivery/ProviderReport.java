package io.omnijourney.delivery;

import java.time.OffsetDateTime;

/**
 * One delivery report, translated from a provider's own format.
 *
 * @param eventId the provider's identity of this event; the same id twice is one event
 */
public record ProviderReport(String eventId, String providerMessageId, DeliveryStatus status, OffsetDateTime occurredAt) {}
