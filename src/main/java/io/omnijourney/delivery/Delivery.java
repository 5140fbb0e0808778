package io.omnijourney.delivery;

import io.omnijourney.bpmn.Bpmn.Messages;
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
    WaitFor waitFor,
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

  /**
   * What the journey's wait for this delivery waits for: the delivery (a "Wait for delivery" on
   * {@code delivery-confirmed}), or its being read or opened (a wait on {@code delivery-read}).
   */
  public enum WaitFor {
    DELIVERY,
    READ;

    /** Whether a delivery in {@code status} ends such a wait: "delivered" does not end a wait for "read". */
    public boolean endedBy(DeliveryStatus status) {
      return status.isOutcome() && (this == DELIVERY || status != DeliveryStatus.DELIVERED);
    }

    /** The message that tells the waiting journey about {@code status}, one that {@link #endedBy} it. */
    public String message(DeliveryStatus status) {
      if (status.isFailure()) {
        return Messages.DELIVERY_FAILED;
      }
      return this == READ ? Messages.DELIVERY_READ : Messages.DELIVERY_CONFIRMED;
    }
  }

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
