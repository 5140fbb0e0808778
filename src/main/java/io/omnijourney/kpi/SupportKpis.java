package io.omnijourney.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The support part of the KPIs, over the conversations opened in the window (the {@code conversation}
 * table): how many; the time to the first response and to resolution, as the median and the 90th
 * percentile (nearest rank) of those that have one; SLA breaches; the share of repeat contacts
 * (goal: under 5 %); the survey's answers and their average. A figure with nothing to count is null.
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
    List<KpiQueries.ConversationTimes> conversations = queries.conversations(window);
    long count = conversations.size();
    List<Long> firstResponse = seconds(conversations, KpiQueries.ConversationTimes::firstResponseAt);
    List<Long> resolution = seconds(conversations, KpiQueries.ConversationTimes::resolvedAt);
    List<Integer> scores = conversations.stream().map(KpiQueries.ConversationTimes::csat).filter(Objects::nonNull)
        .toList();
    return new Figures(count, queries.customerMessages(window), percentiles(firstResponse), percentiles(resolution),
        conversations.stream().filter(KpiQueries.ConversationTimes::breached).count(),
        count == 0 ? null : (double) conversations.stream().filter(KpiQueries.ConversationTimes::repeatContact).count()
            / count,
        new Csat((long) scores.size(),
            scores.isEmpty() ? null : scores.stream().mapToInt(Integer::intValue).average().orElseThrow()));
  }

  private static List<Long> seconds(List<KpiQueries.ConversationTimes> conversations,
      Function<KpiQueries.ConversationTimes, OffsetDateTime> end) {
    return conversations.stream().filter(c -> end.apply(c) != null)
        .map(c -> Duration.between(c.createdAt(), end.apply(c)).toSeconds()).sorted().toList();
  }

  private static Percentiles percentiles(List<Long> sorted) {
    return sorted.isEmpty() ? new Percentiles(null, null) : new Percentiles(rank(sorted, 0.5), rank(sorted, 0.9));
  }

  /** The nearest-rank percentile of a sorted list. */
  private static Long rank(List<Long> sorted, double p) {
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }
}
