package io.omnijourney.kpi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/kpis}: the KPIs of a window, optionally of one playbook or campaign, with the figures
 * of each A/B variant (docs/kpis.md defines them).
 */
@RestController
@Tag(name = "KPIs", description = "Delivery, fallback, cost, conversion and engagement figures of a time window")
class KpiController {

  private final Kpis kpis;
  private final Clock clock = Clock.systemUTC();

  KpiController(Kpis kpis) {
    this.kpis = kpis;
  }

  @Operation(summary = "The KPIs of a time window", description = """
      Figures of the deliveries created and the journeys started in [from, to), counted by the database \
      from the delivery ledger, the journeys and the engine's history. Rates are fractions from 0 to 1; a \
      rate with nothing to divide by is null, and so is a cost without a configured price and every \
      support figure not recorded yet. `variants` has the journeys of each variant of the A/B splits \
      ("Split A/B" in a playbook) and their deliveries.""")
  @ApiResponse(responseCode = "200", description = "The KPIs")
  @ApiResponse(responseCode = "400", description = "from, to, playbook or campaign does not parse, or to is not after from")
  @GetMapping("/api/kpis")
  KpiReport kpis(
      @Parameter(description = "ISO-8601 instant, inclusive; default: 7 days before to", example = "2026-12-01T00:00:00Z")
      @RequestParam(required = false) String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now", example = "2026-12-08T00:00:00Z")
      @RequestParam(required = false) String to,
      @Parameter(description = "Only this playbook's journeys and deliveries", example = "order-confirmation")
      @RequestParam(required = false) String playbook,
      @Parameter(description = "Only the journeys this campaign started, and their deliveries (a campaign id)")
      @RequestParam(required = false) String campaign) {
    return kpis.of(KpiWindow.parse(from, to, playbook, campaign, clock));
  }
}
