package io.omnijourney.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

/**
 * The support part of the KPIs. Support conversations are not recorded yet, so this counts what is
 * (the messages customers sent us) and answers null for every figure that needs a conversation:
 * conversations, response and resolution times, SLA breaches, repeat contacts, satisfaction. Nothing
 * here is estimated. When conversations are stored, their figures are queried here, and only here.
 */
@Component
class SupportKpis {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Figures(
      Long conversations,
      long customerMessages,
      Percentiles firstResponseSeconds,
      Percentiles resolutionSeconds,
      Long slaBreaches,
      Double repeatContactRate,
      Csat csat) {}

  /** The median and the 90th percentile, in seconds. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Percentiles(Long p50, Long p90) {}

  /** Satisfaction answers and their average score. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Csat(Long answers, Double average) {}

  /** The share of conversations that repeat a contact, which support aims to keep under. */
  static final double REPEAT_CONTACT_GOAL = 0.05;

  private final KpiQueries queries;

  SupportKpis(KpiQueries queries) {
    this.queries = queries;
  }

  Figures of(KpiWindow window) {
    return new Figures(null, queries.customerMessages(window), new Percentiles(null, null),
        new Percentiles(null, null), null, null, new Csat(null, null));
  }
}
