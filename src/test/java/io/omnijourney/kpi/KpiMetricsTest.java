package io.omnijourney.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The seeded data set as Prometheus sees it: sends by channel, provider and outcome with their
 * latency, reports by status, fallbacks by playbook and step, journeys waiting, incidents and SLA
 * breaches; and no personal data in any tag.
 */
class KpiMetricsTest extends KpiJourneyTest {

  @Autowired MeterRegistry meters;
  @Autowired SupportMetrics support;

  @Test
  void theSeededSendsReportsAndFallbacksAreCountedByChannelProviderOutcomeAndStep() {
    long smsSends = sends("sms");
    long whatsappSends = sends("whatsapp");
    double delivered = counter("omnijourney.delivery.reports", "provider", "sandbox", "status", "delivered");
    double fallbacks = counter("omnijourney.fallbacks", "playbook", "order-confirmation", "step", "Task_SendSms");
    double waiting = gauge("omnijourney.journeys.waiting");

    seedTenOrderConfirmations();

    assertThat(sends("sms") - smsSends).isEqualTo(10);
    assertThat(sends("whatsapp") - whatsappSends).isEqualTo(4);
    assertThat(timer("sms").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    assertThat(counter("omnijourney.delivery.reports", "provider", "sandbox", "status", "delivered") - delivered)
        .isEqualTo(10);
    assertThat(counter("omnijourney.fallbacks", "playbook", "order-confirmation", "step", "Task_SendSms") - fallbacks)
        .isEqualTo(4);
    assertThat(gauge("omnijourney.journeys.waiting") - waiting).isEqualTo(10);
  }

  @Test
  void incidentsAndSlaBreachesAreGaugedAndCounted() {
    var journey = startOrderConfirmation();
    double incidents = gauge("omnijourney.incidents");
    double breaches = counter("omnijourney.support.sla.breaches", "queue", "support");

    runtime.createIncident("failedJob", journey.getId(), "kpi-test", "a send that failed all its retries");
    support.slaBreached("support");

    assertThat(gauge("omnijourney.incidents") - incidents).isEqualTo(1);
    assertThat(counter("omnijourney.support.sla.breaches", "queue", "support") - breaches).isEqualTo(1);
    runtime.deleteProcessInstance(journey.getId(), "test over");
  }

  @Test
  void prometheusShowsTheMetersWithoutPersonalData() throws Exception {
    seedTenOrderConfirmations();
    support.slaBreached("support");

    String scrape = api().getForObject("/actuator/prometheus", String.class);

    assertThat(scrape)
        .contains("omnijourney_sends_seconds_count{channel=\"sms\",outcome=\"accepted\",provider=\"sandbox\"}")
        .contains("omnijourney_sends_seconds_bucket{channel=\"whatsapp\"")
        .contains("omnijourney_delivery_reports_total{provider=\"sandbox\",status=\"delivered\"}")
        .contains("omnijourney_fallbacks_total{playbook=\"order-confirmation\",step=\"Task_SendSms\"}")
        .contains("omnijourney_journeys_waiting ")
        .contains("omnijourney_incidents ")
        .contains("omnijourney_support_sla_breaches_total{queue=\"support\"}");
    // What the server publishes; http_client_requests is this test's own HTTP client, which names its URIs.
    String published = scrape.lines().filter(line -> !line.startsWith("http_client_requests"))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(published).doesNotContain(SARA_PHONE.substring(1), "kpi-", "sara");
    // Every series the shipped Grafana dashboard queries is one the application publishes.
    String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docs/grafana/omnijourney.json"));
    var series = java.util.regex.Pattern.compile("omnijourney_[a-z_]+").matcher(dashboard).results()
        .map(java.util.regex.MatchResult::group).distinct().toList();
    assertThat(series).hasSizeGreaterThanOrEqualTo(6).allSatisfy(name -> assertThat(scrape).contains("\n" + name));
  }

  private long sends(String channel) {
    Timer timer = timer(channel);
    return timer == null ? 0 : timer.count();
  }

  private Timer timer(String channel) {
    return meters.find("omnijourney.sends").tags("channel", channel, "provider", "sandbox", "outcome", "accepted")
        .timer();
  }

  private double counter(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }
}
