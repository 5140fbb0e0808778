package io.omnijourney.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where a login lands: the page the user asked for before the login form, else their own page
 * (operators the inbox, everyone else the KPIs).
 */
class LandingPage extends SavedRequestAwareAuthenticationSuccessHandler {

  @Override
  protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) {
    boolean operator = authentication.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals(Role.OPERATORS.authority()));
    return operator ? "/inbox" : "/kpis";
  }
}
