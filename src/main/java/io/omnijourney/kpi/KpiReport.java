package io.omnijourney.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The KPIs of one window, as {@code GET /api/kpis} answers them and the {@code /kpis} page shows
 * them. docs/kpis.md defines every figure. A rate with nothing to divide by, and a figure that
 * cannot be known (a price not configured, support data not recorded yet), is null, never 0.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KpiReport(
    Instant from,
    Instant to,
    String playbook,
    String campaign,
    String currency,
    Journeys journeys,
    List<Step> deliveries,
    List<ChannelTotal> channels,
    List<Variant> variants,
    Double engagementRate,
    Double optOutRate,
    Double ignoreRate,
    SupportKpis.Figures support) {

  /** The journeys started in the window. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Journeys(long started, long completed, long converted, Double conversionRate) {}

  /** The sends of one step (send task) of a playbook, on one channel through one provider. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Step(
      String playbook, String step, String channel, String provider,
      long sent, long delivered, long read, long failed,
      Double deliveryRate, Double fallbackRate, Long smsSegments,
      BigDecimal cost, BigDecimal costPerDelivered) {}

  /** The steps' figures summed per channel. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ChannelTotal(
      String channel, long sent, long delivered, long read, long failed,
      Double deliveryRate, Double fallbackRate, Long smsSegments,
      BigDecimal cost, BigDecimal costPerDelivered) {}

  /**
   * The journeys that took one variant of an A/B split ("Split A/B"), started in the window, and their
   * deliveries: delivery (rate of sent), engagement (rate of the reached journeys) and conversion.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Variant(
      String variant, long started, long sent, long delivered, long read, Double deliveryRate,
      Double engagementRate, long converted, Double conversionRate) {}

  /** A share from 0 to 1, rounded to four places; null when there is nothing to divide by. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }
}
