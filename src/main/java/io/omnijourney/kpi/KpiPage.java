package io.omnijourney.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.security.Role;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.PageLocales;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /kpis}: the managers' page, the same figures as {@code GET /api/kpis} (one {@link Kpis}
 * call, the same parameters: a window, a playbook, a campaign) as tables and charts, in the reader's
 * language.
 */
@Controller
@Hidden
class KpiPage {

  private final Kpis kpis;
  private final PageLocales locales;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  KpiPage(Kpis kpis, PageLocales locales, ObjectMapper json) {
    this.kpis = kpis;
    this.locales = locales;
    this.json = json;
  }

  @GetMapping("/kpis")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String playbook, @RequestParam(required = false) String campaign,
      HttpServletRequest request, HttpServletResponse response, Authentication reader, Model model)
      throws JsonProcessingException {
    locales.describe(request, model);
    // Supervisors work the inbox too: a link to it.
    model.addAttribute("inbox", Role.any(reader, Role.SUPERVISORS, Role.ADMIN));
    model.addAttribute("playbooks", kpis.playbooks());
    model.addAttribute("campaigns", kpis.campaigns());
    model.addAttribute("goal", SupportKpis.REPEAT_CONTACT_GOAL);
    try {
      KpiReport report = kpis.of(KpiWindow.parse(from, to, playbook, campaign, clock));
      model.addAttribute("report", report);
      // Raw JSON inside <script>: a "<" could close the element, so it goes as the JSON escape.
      model.addAttribute("reportJson", json.writeValueAsString(report).replace("<", "\\u003c"));
      model.addAttribute("fmt", new KpiFormat(locales.resolveLocale(request), report.currency()));
    } catch (InvalidRequest invalid) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", invalid.errors());
      model.addAttribute("from", from);
      model.addAttribute("to", to);
      model.addAttribute("playbook", playbook);
      model.addAttribute("campaign", campaign);
    }
    return "kpis";
  }
}
