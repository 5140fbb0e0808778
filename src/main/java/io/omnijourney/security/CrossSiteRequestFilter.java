package io.omnijourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.web.ProblemResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that a browser sends on behalf of another site. The APIs take
 * HTTP Basic, which a browser caches and sends along with any request to us, also one that another
 * site's page starts (a form or multipart POST needs no CORS preflight): without this, any page an
 * operator opens could start journeys or deploy diagrams as them. Browsers say where a request
 * comes from in {@code Origin} ({@code null} from sandboxed or opaque origins) and
 * {@code Sec-Fetch-Site}; clients that send neither, such as curl and applications, are not
 * browsers and pass.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

  private final CorsConfiguration allowed = new CorsConfiguration();
  private final ObjectMapper json;

  CrossSiteRequestFilter(List<String> allowedOrigins, ObjectMapper json) {
    allowed.setAllowedOrigins(allowedOrigins);
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = SAFE_METHODS.contains(request.getMethod()) ? null : refusal(request);
    if (refusal != null) {
      ProblemResponse.send(response, json, HttpStatus.FORBIDDEN, "Cross-site request refused", refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why the request is refused, or null when it comes from this site (or from no browser). */
  private String refusal(HttpServletRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && allowed.checkOrigin(origin) != null) {
      return null;
    }
    if (origin != null && !isOwnOrigin(request)) {
      return "The request's Origin is another site; only this site's own pages may change anything here";
    }
    if ("cross-site".equalsIgnoreCase(request.getHeader(SEC_FETCH_SITE))) {
      return "The browser says the request comes from another site (Sec-Fetch-Site: cross-site); only this"
          + " site's own pages may change anything here";
    }
    return null;
  }

  /**
   * Whether the Origin's scheme, host and port are the request's own, as Spring resolves them
   * (behind a proxy, from the forwarded headers when server.forward-headers-strategy says so). A
   * malformed Origin is no one's.
   */
  private static boolean isOwnOrigin(HttpServletRequest request) {
    try {
      return !CorsUtils.isCorsRequest(request);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
