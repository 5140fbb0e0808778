package io.omnijourney.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Support's meters: what the support conversations report as it happens. */
@Component
public class SupportMetrics {

  private final MeterRegistry meters;

  SupportMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** A conversation of this queue missed its SLA (first response or resolution due and not done). */
  public void slaBreached(String queue) {
    Counter.builder("omnijourney.support.sla.breaches")
        .description("Support conversations that missed their SLA, by queue")
        .tag("queue", queue)
        .register(meters)
        .increment();
  }
}
