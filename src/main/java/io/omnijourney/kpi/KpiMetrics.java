package io.omnijourney.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The KPIs as Micrometer meters on {@code /actuator/prometheus}, for dashboards and alerts
 * (docs/grafana/omnijourney.json). Tags name channels, providers, outcomes, statuses, playbooks
 * and steps: never a customer, an address or a message.
 */
@Component
public class KpiMetrics {

  private final MeterRegistry meters;

  KpiMetrics(MeterRegistry meters, KpiQueries queries, @Lazy RuntimeService runtime) {
    this.meters = meters;
    // Gauges are read when scraped: one indexed count each, never a figure kept in memory.
    Gauge.builder("omnijourney.journeys.waiting", queries, KpiQueries::journeysWaiting)
        .description("Journeys running now (started, not ended)")
        .register(meters);
    Gauge.builder("omnijourney.incidents", runtime, r -> r.createIncidentQuery().count())
        .description("Open incidents: sends or steps that failed all their retries and wait for an operator")
        // The engine's service is a lazy proxy that nothing else holds: a gauge's weak reference would lose it.
        .strongReference(true)
        .register(meters);
  }

  /** One provider call: how long it took and how it ended (accepted, transient, permanent, misconfigured). */
  public void sent(String channel, String provider, String outcome, Duration took) {
    Timer.builder("omnijourney.sends")
        .description("Sends: provider calls by channel, provider and outcome, and how long they took")
        .tags("channel", channel, "provider", provider, "outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(meters)
        .record(took);
  }

  /** A provider's delivery report, stored for the first time (duplicates are not counted). */
  public void reported(String provider, String status) {
    count("omnijourney.delivery.reports", "Delivery reports received, by provider and status",
        "provider", provider, "status", status);
  }

  /** A playbook's step needed another channel: the journey sends the same message on the next one. */
  public void fellBack(String playbook, String step) {
    count("omnijourney.fallbacks", "Messages that needed another channel, by playbook and the step that fell back",
        "playbook", playbook, "step", step);
  }

  private void count(String name, String description, String... tags) {
    Counter.builder(name).description(description).tags(tags).register(meters).increment();
  }
}
