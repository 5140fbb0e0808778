package io.omnijourney.delivery;

import io.omnijourney.Transactions;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.ProviderEvents.Pending;
import io.omnijourney.delivery.ProviderEvents.State;
import io.omnijourney.kpi.KpiMetrics;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes delivery reports from every provider's webhook or poller.
 *
 * <p>A report is first stored as a provider event (committed, de-duplicated), so the provider can be
 * answered 2xx and nothing is lost. Then the delivery's status moves forward, committed on its own.
 * Only then is the engine told, so whichever side of the send's commit a report lands on, one
 * correlation happens: the send's own commit correlates what is already in the ledger.
 */
@Service
public class DeliveryReports {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

  private final ProviderEvents inbox;
  private final DeliveryLedger ledger;
  private final ReportCorrelation correlation;
  private final Transactions transactions;
  private final Customers customers;
  private final ChannelBlocks blocks;
  private final KpiMetrics kpis;

  public DeliveryReports(ProviderEvents inbox, DeliveryLedger ledger, ReportCorrelation correlation,
      Transactions transactions, Customers customers, ChannelBlocks blocks, KpiMetrics kpis) {
    this.inbox = inbox;
    this.ledger = ledger;
    this.correlation = correlation;
    this.transactions = transactions;
    this.customers = customers;
    this.blocks = blocks;
    this.kpis = kpis;
  }

  /** What became of a received report. */
  public enum Receipt { STORED, DUPLICATE }

  /** Stores and applies one report whose signature the webhook has checked. */
  public Receipt receive(String provider, ProviderReport report, String payload) {
    boolean fresh = transactions.inOwn(() -> inbox.store(provider, report, payload, State.RECEIVED, null));
    if (!fresh) {
      log.debug("{} event {} is a duplicate; ignored", provider, report.eventId());
      return Receipt.DUPLICATE;
    }
    kpis.reported(provider, report.status() == null ? "unknown" : report.status().name().toLowerCase());
    if (report.block() != Block.NONE) {
      recordBlock(provider, report);
    }
    if (report.status() == DeliveryStatus.READ) {
      recordEngagement(provider, report);
    }
    apply(new Pending(provider, report.eventId(), report.providerMessageId(), report.status(), null));
    return Receipt.STORED;
  }

  /** A read receipt says where the customer answers: their learned channel. */
  private void recordEngagement(String provider, ProviderReport report) {
    ledger.findByProviderMessage(provider, report.providerMessageId())
        .filter(delivery -> delivery.customerId() != null)
        .ifPresent(delivery -> transactions.inOwn(() -> customers.engaged(delivery.customerId(), delivery.channel(),
            report.occurredAt() != null ? report.occurredAt() : OffsetDateTime.now(ZoneOffset.UTC))));
  }

  /**
   * A failure that says the address is gone (an opt-out, an unregistered number) marks the
   * customer's profile, so later sends skip the address and fall back at once.
   */
  private void recordBlock(String provider, ProviderReport report) {
    ledger.findByProviderMessage(provider, report.providerMessageId())
        .filter(delivery -> delivery.customerId() != null)
        .ifPresent(delivery -> customers.find(delivery.customerId())
            .map(customer -> customer.addressOn(delivery.channel()))
            .ifPresent(address -> transactions.inOwn(() -> blocks.block(delivery.customerId(), delivery.channel(),
                address, report.block(), provider, report.errorCode()))));
  }

  /** The delivery a provider's report is about, by the provider's message id: e.g. the email a bounce names. */
  public Optional<Delivery> find(String provider, String providerMessageId) {
    return ledger.findByProviderMessage(provider, providerMessageId);
  }

  /**
   * A provider's deliveries that are still on their way (accepted or sent) and were created since
   * {@code since}, oldest first: what a poller asks about when the provider has no delivery webhook.
   */
  public List<Delivery> awaitingReports(String provider, OffsetDateTime since, int limit) {
    return ledger.awaitingReports(provider, since, limit);
  }

  /**
   * Keeps a signed report we cannot read as a dead letter, for operators to look at. It is stored
   * once (keyed by its content) and never retried.
   */
  public void deadLetter(String provider, String payload, String reason) {
    String eventId = "dead:" + Signatures.sha256Hex(payload.getBytes(StandardCharsets.UTF_8));
    transactions.inOwn(() -> inbox.store(provider, new ProviderReport(eventId, null, null, null), payload,
        State.DEAD, reason));
    log.warn("{} webhook stored as a dead letter: {}", provider, reason);
  }

  /** Applies reports that arrived before the send recorded the provider's message id. */
  public void applyWaiting(String provider, String providerMessageId) {
    inbox.findReceived(provider, providerMessageId).forEach(this::apply);
  }

  /** Moves the delivery's status forward and tells the engine when the journey waits for it. */
  public void apply(Pending report) {
    Optional<Delivery> found = ledger.findByProviderMessage(report.provider(), report.providerMessageId());
    if (found.isEmpty()) {
      // The send has not recorded the provider's id yet; it applies this report when it does.
      return;
    }
    Delivery delivery = found.get();
    boolean moved = transactions.inOwn(() -> {
      boolean advanced = ledger.advance(delivery.id(), report.status());
      inbox.settle(report.provider(), report.eventId(), delivery.id(), advanced ? State.APPLIED : State.IGNORED,
          advanced ? null : "status stays " + ledger.find(delivery.id()).map(Delivery::status).orElse(null));
      return advanced;
    });
    if (moved) {
      log.info("Delivery {} is now {}", delivery.id(), report.status());
    }
    if (report.status().isOutcome()) {
      correlation.correlate(delivery.id());
    }
  }

}
