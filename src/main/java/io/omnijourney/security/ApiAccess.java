package io.omnijourney.security;

import static io.omnijourney.security.Role.ANALYSTS;
import static io.omnijourney.security.Role.APPS;
import static io.omnijourney.security.Role.OPERATORS;
import static io.omnijourney.security.Role.SUPERVISORS;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Which groups may call which of our routes, first match wins. {@code camunda-admin} may call
 * every route. A route of ours that no rule names is for admins only, so a new route is closed
 * until someone decides who needs it. {@code /engine-rest} and the webapps are open to any login
 * here because Camunda's own authorizations ({@link RoleAuthorizations}) decide what they show.
 */
final class ApiAccess {

  /** A route and the groups that may call it; a null method matches every method. */
  record Rule(HttpMethod method, String pattern, List<Role> roles) {}

  static final List<Rule> RULES = List.of(
      rule(HttpMethod.POST, "/api/journeys", APPS),
      rule(HttpMethod.GET, "/api/journeys/**", APPS, ANALYSTS, SUPERVISORS, OPERATORS),
      rule(HttpMethod.GET, "/api/playbooks", APPS, ANALYSTS, SUPERVISORS, OPERATORS),
      rule(HttpMethod.POST, "/api/events", APPS),
      // Customers in bulk: the shop's systems and the team's leads, as for one profile's changes.
      rule(HttpMethod.POST, "/api/customers/import", APPS, SUPERVISORS),
      rule(HttpMethod.GET, "/api/customers/**", APPS, SUPERVISORS, OPERATORS),
      // Changes to a profile, opt-outs and erasure on request: the shop's systems and the team's leads.
      rule(null, "/api/customers/**", APPS, SUPERVISORS),
      // Segments: analysts read and preview them (the sample has no contact data); applications and
      // supervisors, who run campaigns, also write them.
      rule(HttpMethod.GET, "/api/segments", APPS, ANALYSTS, SUPERVISORS),
      rule(HttpMethod.GET, "/api/segments/**", APPS, ANALYSTS, SUPERVISORS),
      rule(null, "/api/segments", APPS, SUPERVISORS),
      rule(null, "/api/segments/**", APPS, SUPERVISORS),
      // Campaigns: applications and supervisors run and control them; analysts follow their progress.
      rule(HttpMethod.GET, "/api/campaigns", APPS, ANALYSTS, SUPERVISORS),
      rule(HttpMethod.GET, "/api/campaigns/**", APPS, ANALYSTS, SUPERVISORS),
      rule(null, "/api/campaigns", APPS, SUPERVISORS),
      rule(null, "/api/campaigns/**", APPS, SUPERVISORS),
      rule(HttpMethod.GET, "/api/templates/**", APPS, ANALYSTS, SUPERVISORS, OPERATORS),
      // A preview renders a text and changes nothing.
      rule(HttpMethod.POST, "/api/templates/*/preview", APPS, ANALYSTS, SUPERVISORS, OPERATORS),
      // The shared inbox: the team works it; assigning someone else's work is for supervisors.
      rule(HttpMethod.POST, "/api/conversations/*/assign", SUPERVISORS),
      rule(null, "/api/conversations/**", SUPERVISORS, OPERATORS),
      rule(null, "/api/conversations", SUPERVISORS, OPERATORS),
      // The KPIs: applications read them; managers read them on the /kpis page (PageSecurity).
      rule(HttpMethod.GET, "/api/kpis", APPS, ANALYSTS, SUPERVISORS),
      rule(null, "/api/**"),
      rule(null, "/sandbox/**", ANALYSTS, APPS),
      rule(null, "/actuator/**", APPS),
      rule(null, "/camunda/**", ANALYSTS, SUPERVISORS, OPERATORS));

  private ApiAccess() {}

  private static Rule rule(HttpMethod method, String pattern, Role... roles) {
    List<Role> allowed = new ArrayList<>(List.of(roles));
    allowed.add(Role.ADMIN);
    return new Rule(method, pattern, List.copyOf(allowed));
  }
}
