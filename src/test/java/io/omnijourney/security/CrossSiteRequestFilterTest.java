package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter's decisions for what the application test cannot set up: a proxy, extra origins. */
class CrossSiteRequestFilterTest {

  private final CrossSiteRequestFilter filter =
      new CrossSiteRequestFilter(List.of("https://admin.example.com"), new ObjectMapper());

  @Test
  void behindAProxy_theOriginIsComparedWithTheRequestAsForwarded() throws Exception {
    // What Tomcat's RemoteIpValve or Spring's ForwardedHeaderFilter make of X-Forwarded-* headers.
    assertThat(status("https", "journeys.example.com", 443, "https://journeys.example.com")).isEqualTo(200);
    assertThat(status("https", "journeys.example.com", 443, "http://journeys.example.com")).isEqualTo(403);
    assertThat(status("https", "journeys.example.com", 443, "https://journeys.example.com:8443")).isEqualTo(403);
  }

  @Test
  void anAllowedOriginPassesEvenMarkedCrossSite() throws Exception {
    MockHttpServletRequest request = post("https", "journeys.example.com", 443, "https://admin.example.com");
    request.addHeader("Sec-Fetch-Site", "cross-site");

    assertThat(run(request)).isEqualTo(200);
  }

  @Test
  void aMalformedOriginIsNoOnesAndRefused() throws Exception {
    assertThat(status("http", "localhost", 8080, "http://localhost:8080 http://evil.example")).isEqualTo(403);
  }

  @Test
  void sameSiteAndNoneAreFine() throws Exception {
    for (String site : List.of("same-origin", "same-site", "none")) {
      MockHttpServletRequest request = post("http", "localhost", 8080, null);
      request.addHeader("Sec-Fetch-Site", site);
      assertThat(run(request)).as(site).isEqualTo(200);
    }
  }

  private int status(String scheme, String host, int port, String origin) throws Exception {
    return run(post(scheme, host, port, origin));
  }

  private static MockHttpServletRequest post(String scheme, String host, int port, String origin) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/journeys");
    request.setScheme(scheme);
    request.setServerName(host);
    request.setServerPort(port);
    if (origin != null) {
      request.addHeader("Origin", origin);
    }
    return request;
  }

  private int run(MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response.getStatus();
  }
}
