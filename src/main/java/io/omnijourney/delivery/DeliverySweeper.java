package io.omnijourney.delivery;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The backstop: settles what the webhook and the send's commit could not, for example after a
 * node died between a commit and its correlation. Harmless when there is nothing to do, and safe on
 * several nodes at once (every step is claimed in the ledger).
 */
@Component
public class DeliverySweeper {

  private static final Logger log = LoggerFactory.getLogger(DeliverySweeper.class);
  private static final int BATCH = 200;

  private final DeliveryLedger ledger;
  private final ProviderEvents inbox;
  private final DeliveryReports reports;
  private final ReportCorrelation correlation;
  private final Duration deadLetterAfter;

  public DeliverySweeper(
      DeliveryLedger ledger,
      ProviderEvents inbox,
      DeliveryReports reports,
      ReportCorrelation correlation,
      @Value("${omnijourney.delivery.dead-letter-after:PT1H}") Duration deadLetterAfter) {
    this.deadLetterAfter = deadLetterAfter;
    this.ledger = ledger;
    this.inbox = inbox;
    this.reports = reports;
    this.correlation = correlation;
  }

  @Scheduled(
      fixedDelayString = "${omnijourney.delivery.sweep-interval:PT10S}",
      initialDelayString = "${omnijourney.delivery.sweep-interval:PT10S}")
  public void sweep() {
    try {
      int dead = inbox.expireReceivedBefore(DeliveryLedger.now().minus(deadLetterAfter));
      if (dead > 0) {
        log.warn("{} webhook events matched no delivery within {}; kept as dead letters", dead, deadLetterAfter);
      }
      inbox.findReceived(BATCH).forEach(reports::apply);
      ledger.findUnsettled(BATCH).forEach(correlation::correlate);
    } catch (RuntimeException e) {
      log.warn("Delivery sweep failed; next round retries: {}", e.toString());
    }
  }
}
