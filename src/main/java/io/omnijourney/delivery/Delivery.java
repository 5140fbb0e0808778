package io.omnijourney.delivery;

import io.omnijourney.channel.Channel;
import java.time.OffsetDateTime;

/** One row of the delivery ledger. */
public record Delivery(
    String id,
    String journeyId,
    String activityId,
    String customerId,
    Channel channel,
    String provider,
    String template,
    String recipientMasked,
    DeliveryStatus status,
    String providerMessageId,
    Integer segments,
    boolean inFlight,
    int attempts,
    WaitState waitState,
    String waitExecutionId,
    Correlation correlation,
    String errorCode,
    String errorMessage,
    /** Why the send waited before it went out (quiet hours, the frequency cap), or null. */
    String policyNote,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** Whether the journey waits, or waited, for this delivery's report. */
  public enum WaitState { NONE, WAITING, ENDED }

  /** What became of the delivery's outcome report in the engine. */
  public enum Correlation {
    /** The report moved the journey on. */
    CORRELATED,
    /** The report came after the journey had stopped waiting: recorded, nothing correlated. */
    LATE,
    /**
     * The journey waits for the delivery, but its diagram has no path for this outcome there (say,
     * no "delivery failed" path): recorded, nothing correlated; the wait's timer decides.
     */
    UNCAUGHT
  }

  public boolean late() {
    return correlation == Correlation.LATE;
  }
}
