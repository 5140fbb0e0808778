package io.omnijourney.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page's session remembers who logged in, not what they may do: on every request the user's
 * groups are read again from Camunda, so that a membership removed in Admin counts at once (as it
 * does for HTTP Basic), and a deleted user's session ends. The session keeps the login's groups;
 * only this request sees the fresh ones.
 */
class SessionGroups extends OncePerRequestFilter {

  private final CamundaUsers users;

  SessionGroups(CamundaUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication login = SecurityContextHolder.getContext().getAuthentication();
    if (login instanceof UsernamePasswordAuthenticationToken && login.isAuthenticated()) {
      var groups = users.currentGroups(login.getName());
      if (groups.isEmpty()) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
      } else {
        var current = UsernamePasswordAuthenticationToken.authenticated(login.getName(), null, groups.get());
        current.setDetails(login.getDetails());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(current);
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }
}
