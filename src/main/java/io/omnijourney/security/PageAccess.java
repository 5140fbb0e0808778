package io.omnijourney.security;

import static io.omnijourney.security.Role.ANALYSTS;
import static io.omnijourney.security.Role.OPERATORS;
import static io.omnijourney.security.Role.SUPERVISORS;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our own pages for people, and the groups that may open each ({@code camunda-admin} may open
 * every one). People log in once through {@code /login} and keep a session; applications never
 * come here (they call {@code /api} with HTTP Basic, {@link ApiAccess}). A new page is one rule
 * here. A page's scripts call a few API routes with the page's session and CSRF token
 * ({@link #SESSION_API}); {@link ApiAccess} decides those as it decides them for HTTP Basic.
 */
final class PageAccess {

  /** A page (an Ant pattern) and the groups that may open it. */
  record Rule(String pattern, List<Role> roles) {}

  static final List<Rule> RULES = List.of(
      rule("/kpis", SUPERVISORS, ANALYSTS),
      rule("/kpis/**", SUPERVISORS, ANALYSTS),
      rule("/inbox", OPERATORS, SUPERVISORS),
      rule("/inbox/**", OPERATORS, SUPERVISORS));

  /**
   * The API routes the inbox page's script calls with the page's session instead of HTTP Basic: a
   * request to one of them without an {@code Authorization} header is the page's.
   */
  static final List<String> SESSION_API = List.of("/api/conversations", "/api/conversations/**",
      "/api/templates", "/api/templates/**");

  /** Open to everyone: the login page and the pages' scripts (public libraries, no data). */
  static final List<String> PUBLIC = List.of("/login", "/webjars/**");

  static final String LOGOUT = "/logout";

  private PageAccess() {}

  /** Every path the pages' security chain answers for. */
  static String[] paths() {
    return Stream.of(RULES.stream().map(Rule::pattern), PUBLIC.stream(), Stream.of(LOGOUT))
        .flatMap(s -> s).toArray(String[]::new);
  }

  private static Rule rule(String pattern, Role... roles) {
    List<Role> allowed = new ArrayList<>(List.of(roles));
    allowed.add(Role.ADMIN);
    return new Rule(pattern, List.copyOf(allowed));
  }
}
