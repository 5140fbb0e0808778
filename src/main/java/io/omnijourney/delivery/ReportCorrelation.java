package io.omnijourney.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnijourney.Transactions;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Tells the engine about a delivery's outcome, exactly once.
 *
 * <p>Three paths may try: the webhook, the send's own commit, and the sweeper. Each claims the
 * ledger row first, in the same transaction as the correlation; the row lock lets one win and the
 * others find the work done. A report for a wait the journey has already left (its timer fired)
 * is recorded as late and correlates nothing. A wait for "read" is not ended by "delivered": the
 * row stays unsettled until "read" or a failure comes, or the wait's timer ends it. An optimistic-locking clash with a timer firing at
 * the same moment is retried here, so it never becomes an incident.
 */
@Service
public class ReportCorrelation {

  private static final Logger log = LoggerFactory.getLogger(ReportCorrelation.class);
  private static final int ATTEMPTS = 5;

  /** The result of one {@link #correlate} call. */
  public enum Result {
    /** This call moved the journey on. */
    CORRELATED,
    /** The journey had already left the wait: the report is recorded as late. */
    LATE,
    /** The journey waits, but its diagram has no path for this outcome there: recorded, nothing correlated. */
    UNCAUGHT,
    /** Nothing to do: no outcome yet, already settled, or the journey has not reached the wait yet. */
    NOTHING,
    /** Could not settle now; the sweeper tries again. */
    RETRY_LATER
  }

  private final DeliveryLedger ledger;
  private final RuntimeService runtime;
  private final Transactions transactions;
  private final MeterRegistry meters;

  public ReportCorrelation(
      DeliveryLedger ledger, @Lazy RuntimeService runtime, Transactions transactions, MeterRegistry meters) {
    this.ledger = ledger;
    this.runtime = runtime;
    this.transactions = transactions;
    this.meters = meters;
  }

  public Result correlate(String deliveryId) {
    if (!hasUnsettledOutcome(deliveryId)) {
      // Most calls ("sent" reports, for one) have nothing to do: no transaction.
      return Result.NOTHING;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Result result = transactions.inOwn(() -> correlateOnce(deliveryId));
        if (result == Result.CORRELATED || result == Result.LATE || result == Result.UNCAUGHT) {
          meters.counter("omnijourney.correlations", "result", result.name().toLowerCase()).increment();
          log.info("Delivery {}: report {}", deliveryId, switch (result) {
            case LATE -> "came late; recorded";
            case UNCAUGHT -> "has no path in the diagram at this wait; recorded, the wait's timer decides";
            default -> "correlated";
          });
        }
        return result;
      } catch (OptimisticLockingException | MismatchingMessageCorrelationException | NullValueException | Raced raced) {
        // NullValueException: the execution no longer has that subscription (it left the wait).
        // A timer or another report changed the journey in the meantime: read the ledger again.
        log.debug("Delivery {}: correlation attempt {} raced: {}", deliveryId, attempt, raced.getMessage());
      }
    }
    log.warn("Delivery {}: report not correlated after {} attempts; the sweeper will retry", deliveryId, ATTEMPTS);
    return Result.RETRY_LATER;
  }

  /** The ledger row changed under this attempt; the next attempt reads it again. */
  private static final class Raced extends RuntimeException {
    Raced() {
      super("the delivery changed during correlation", null, false, false);
    }
  }

  /** Whether the delivery has an outcome its wait has not been told of yet. */
  boolean hasUnsettledOutcome(String deliveryId) {
    return ledger.find(deliveryId)
        .filter(d -> d.correlation() == null && d.waitFor().endedBy(d.status()))
        .isPresent();
  }

  private Result correlateOnce(String deliveryId) {
    Delivery delivery = ledger.find(deliveryId).orElse(null);
    if (delivery == null || delivery.correlation() != null || !delivery.waitFor().endedBy(delivery.status())) {
      return Result.NOTHING;
    }
    return switch (delivery.waitState()) {
      case NONE -> Result.NOTHING;
      case ENDED -> ledger.markLate(deliveryId) ? Result.LATE : Result.NOTHING;
      case WAITING -> {
        String message = delivery.waitFor().message(delivery.status());
        if (runtime.createEventSubscriptionQuery().executionId(delivery.waitExecutionId()).eventName(message)
            .count() == 0) {
          // The analyst's diagram catches no such outcome at this wait: telling the engine would
          // fail every time, so record it once instead of retrying forever.
          if (!ledger.markUncaught(deliveryId)) {
            // The wait ended meanwhile (its timer fired): read the row again, the report is late.
            throw new Raced();
          }
          yield Result.UNCAUGHT;
        }
        if (!ledger.claimCorrelation(deliveryId)) {
          // Between our read and our claim the row changed: another path correlated it, or a timer
          // ended the wait. Read it again.
          throw new Raced();
        }
        // Straight to the execution that waits for this delivery: a lookup by key, however many
        // journeys wait, and never another send's wait.
        runtime.messageEventReceived(message, delivery.waitExecutionId());
        yield Result.CORRELATED;
      }
    };
  }
}
