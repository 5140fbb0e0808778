package io.omnijourney.channel.kavenegar;

import io.omnijourney.channel.kavenegar.KavenegarProvider.MessageStatus;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryReports.Receipt;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Kavenegar has no delivery webhook, so this asks its status API for the messages still in flight
 * and feeds every change into the same inbox as a webhook would. Each report's event id is the
 * message id and Kavenegar's status, so asking twice, or on two nodes at once, stores it once.
 *
 * <p>It runs every {@code omnijourney.providers.kavenegar.poll-interval} (30 s by default) and only
 * while Kavenegar is configured. Kavenegar keeps statuses for 48 hours only and answers at most 500
 * ids a call, so older deliveries are left alone and the rest go in batches.
 */
@Component
public class KavenegarPoller {

  static final int BATCH = 500;
  static final Duration KEPT_FOR = Duration.ofHours(48);
  /** The most deliveries one round asks about: 20 calls. */
  static final int MAX_PER_ROUND = 10_000;

  private static final Logger log = LoggerFactory.getLogger(KavenegarPoller.class);

  private final KavenegarProvider kavenegar;
  private final KavenegarSettings settings;
  private final DeliveryReports reports;

  public KavenegarPoller(KavenegarProvider kavenegar, KavenegarSettings settings, DeliveryReports reports) {
    this.kavenegar = kavenegar;
    this.settings = settings;
    this.reports = reports;
  }

  @Scheduled(
      fixedDelayString = "${omnijourney.providers.kavenegar.poll-interval:PT30S}",
      initialDelayString = "${omnijourney.providers.kavenegar.poll-interval:PT30S}")
  void pollOnSchedule() {
    if (!settings.configured()) {
      return;
    }
    try {
      poll();
    } catch (RuntimeException e) {
      // Our own messages only: they never hold the URL, and so never the API key.
      log.warn("Kavenegar status poll failed; the next round tries again: {}", e.getMessage());
    }
  }

  /**
   * One round: asks about every Kavenegar delivery still waiting for its outcome and feeds each
   * change into the provider events.
   *
   * @return how many new reports were stored
   */
  public int poll() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Delivery> waiting = reports.awaitingReports(KavenegarProvider.NAME, now.minus(KEPT_FOR), MAX_PER_ROUND);
    int stored = 0;
    for (int from = 0; from < waiting.size(); from += BATCH) {
      Map<String, Delivery> batch = waiting.subList(from, Math.min(from + BATCH, waiting.size())).stream()
          .collect(Collectors.toMap(Delivery::providerMessageId, Function.identity(), (a, b) -> a));
      for (MessageStatus answer : kavenegar.statuses(List.copyOf(batch.keySet()))) {
        Delivery delivery = batch.get(answer.messageId());
        DeliveryStatus next = KavenegarStatuses.toDelivery(answer.status());
        if (delivery == null || next == null || !delivery.status().canMoveTo(next)) {
          continue;
        }
        ProviderReport report = new ProviderReport(
            answer.messageId() + ":" + answer.status(), answer.messageId(), next, now);
        if (reports.receive(KavenegarProvider.NAME, report, answer.payload()) == Receipt.STORED) {
          stored++;
        }
      }
    }
    if (stored > 0) {
      log.info("Kavenegar status poll: {} of {} deliveries changed", stored, waiting.size());
    }
    return stored;
  }
}
