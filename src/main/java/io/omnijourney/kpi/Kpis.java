package io.omnijourney.kpi;

import io.omnijourney.kpi.KpiQueries.JourneyCounts;
import io.omnijourney.kpi.KpiQueries.StepCounts;
import io.omnijourney.kpi.KpiQueries.VariantDeliveries;
import io.omnijourney.kpi.KpiReport.ChannelTotal;
import io.omnijourney.kpi.KpiReport.Journeys;
import io.omnijourney.kpi.KpiReport.Step;
import io.omnijourney.kpi.KpiReport.Variant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Computes the KPIs of a window: the API and the page both show what this returns. */
@Service
public class Kpis {

  private static final String SMS = "sms";

  private final KpiQueries queries;
  private final Prices prices;
  private final SupportKpis support;

  Kpis(KpiQueries queries, Prices prices, SupportKpis support) {
    this.queries = queries;
    this.prices = prices;
    this.support = support;
  }

  /** In one read-only transaction, for which the queries tune their PostgreSQL session. */
  @Transactional(readOnly = true)
  public KpiReport of(KpiWindow window) {
    queries.withoutJit();
    List<StepCounts> counts = queries.steps(window);
    JourneyCounts j = queries.journeys(window);
    return new KpiReport(window.from(), window.to(), window.playbook(), window.campaign(), prices.currency(),
        journeys(j), counts.stream().map(this::step).toList(), channels(counts), variants(window),
        KpiReport.rate(j.engaged(), j.reached()),
        KpiReport.rate(j.optedOut(), j.reached()),
        KpiReport.rate(j.ignored(), j.reached()),
        support.of(window));
  }

  /** The journeys of the window alone: started, completed, converted (a campaign's progress reads them). */
  @Transactional(readOnly = true)
  public Journeys journeys(KpiWindow window) {
    queries.withoutJit();
    return journeys(queries.journeys(window));
  }

  /** The playbooks that have journeys. */
  public List<String> playbooks() {
    return queries.playbooks();
  }

  /** The campaigns, newest first, for the page's choice. */
  List<KpiQueries.CampaignName> campaigns() {
    return queries.campaigns();
  }

  private static Journeys journeys(JourneyCounts j) {
    return new Journeys(j.started(), j.completed(), j.converted(), KpiReport.rate(j.converted(), j.started()));
  }

  /** Each variant's journeys and deliveries, by variant name. */
  private List<Variant> variants(KpiWindow window) {
    Map<String, VariantDeliveries> deliveries = new TreeMap<>();
    queries.deliveriesByVariant(window).forEach(d -> deliveries.put(d.variant(), d));
    return queries.journeysByVariant(window).stream().map(j -> {
      VariantDeliveries d = deliveries.getOrDefault(j.variant(), new VariantDeliveries(j.variant(), 0, 0, 0));
      return new Variant(j.variant(), j.started(), d.sent(), d.delivered(), d.read(),
          KpiReport.rate(d.delivered(), d.sent()), KpiReport.rate(j.engaged(), j.reached()), j.converted(),
          KpiReport.rate(j.converted(), j.started()));
    }).toList();
  }

  private Step step(StepCounts c) {
    BigDecimal cost = cost(c);
    return new Step(c.playbook(), c.step(), c.channel(), c.provider(), c.sent(), c.delivered(), c.read(), c.failed(),
        KpiReport.rate(c.delivered(), c.sent()), KpiReport.rate(c.fellBack(), c.sent()),
        SMS.equals(c.channel()) ? c.billableSegments() : null, money(cost), perDelivered(cost, c.delivered()));
  }

  /** The steps summed per channel, in channel order. */
  private List<ChannelTotal> channels(List<StepCounts> counts) {
    Map<String, List<StepCounts>> byChannel = new TreeMap<>();
    counts.forEach(c -> byChannel.computeIfAbsent(c.channel(), k -> new ArrayList<>()).add(c));
    List<ChannelTotal> totals = new ArrayList<>();
    byChannel.forEach((channel, of) -> {
      long sent = sum(of, StepCounts::sent);
      long delivered = sum(of, StepCounts::delivered);
      List<BigDecimal> costs = of.stream().map(this::cost).toList();
      BigDecimal cost = costs.contains(null) ? null : costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      totals.add(new ChannelTotal(channel, sent, delivered, sum(of, StepCounts::read), sum(of, StepCounts::failed),
          KpiReport.rate(delivered, sent), KpiReport.rate(sum(of, StepCounts::fellBack), sent),
          SMS.equals(channel) ? sum(of, StepCounts::billableSegments) : null, money(cost), perDelivered(cost, delivered)));
    });
    return totals;
  }

  /**
   * The provider's price times the SMS segments (SMS) or the messages (other channels) it billed:
   * what it took, not what it refused. Unknown (null) without a configured price.
   */
  private BigDecimal cost(StepCounts c) {
    long units = SMS.equals(c.channel()) ? c.billableSegments() : c.billable();
    if (units == 0) {
      return BigDecimal.ZERO;
    }
    return prices.of(c.provider(), c.channel()).map(price -> price.multiply(BigDecimal.valueOf(units))).orElse(null);
  }

  private static long sum(List<StepCounts> counts, ToLongFunction<StepCounts> figure) {
    return counts.stream().mapToLong(figure).sum();
  }

  private static BigDecimal perDelivered(BigDecimal cost, long delivered) {
    return cost == null || delivered == 0 ? null : cost.divide(BigDecimal.valueOf(delivered), 4, RoundingMode.HALF_UP);
  }

  private static BigDecimal money(BigDecimal cost) {
    return cost == null ? null : cost.setScale(4, RoundingMode.HALF_UP);
  }
}
