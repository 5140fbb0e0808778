package io.omnijourney.delivery;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where one delivery stands. Status only moves forward: accepted, sent, delivered, read. Failed,
 * undelivered and rejected are final, and so is anything once delivered or read as far as failures
 * go: a "failed" after "delivered" changes nothing.
 */
public enum DeliveryStatus {
  PENDING(0),
  UNCERTAIN(1),
  ACCEPTED(2),
  SENT(3),
  DELIVERED(4),
  READ(5),
  FAILED(-1),
  UNDELIVERED(-1),
  REJECTED(-1);

  private final int rank;

  DeliveryStatus(int rank) {
    this.rank = rank;
  }

  public boolean isFailure() {
    return rank < 0;
  }

  /** Delivered or read: the journey may stop waiting. */
  public boolean isConfirmation() {
    return this == DELIVERED || this == READ;
  }

  /** A status the journey waits for: a confirmation or a failure reported after acceptance. */
  public boolean isOutcome() {
    return isConfirmation() || this == FAILED || this == UNDELIVERED;
  }

  /** Whether a report of {@code next} may replace this status. */
  public boolean canMoveTo(DeliveryStatus next) {
    if (isFailure()) {
      return false;
    }
    if (next.isFailure()) {
      return !isConfirmation();
    }
    return next.rank > rank;
  }

  /** The statuses from which {@code next} is a forward move, for a conditional UPDATE. */
  public static Set<DeliveryStatus> movableTo(DeliveryStatus next) {
    Set<DeliveryStatus> from = EnumSet.noneOf(DeliveryStatus.class);
    Arrays.stream(values()).filter(s -> s.canMoveTo(next)).forEach(from::add);
    return from;
  }
}
