package io.omnijourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.web.BodySizeLimitFilter;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Filters that refuse a request before anything else looks at it, Spring Security's login
 * included: each is its own servlet filter, ordered ahead of Spring Security's chain.
 */
@Configuration
class RequestFilters {

  /** Reads its body as a stream, a batch at a time: its limit is {@code max-import-size}. */
  static final String CUSTOMER_IMPORT = "/api/customers/import";

  /**
   * First of our own, before anything that may read a body (Spring's FormContentFilter, Spring
   * Security), but after Spring's ForwardedHeaderFilter (when configured) and the request
   * observation, so that a refused request is still counted.
   */
  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(SecuritySettings settings, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(settings.maxBodySize().toBytes(),
        Map.of(CUSTOMER_IMPORT, settings.maxImportSize().toBytes()), json));
    registration.addUrlPatterns("/api/*", "/webhooks/*", "/u/*", "/o/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Before Spring Security, so that a browser's cached Basic login is never used for another site. */
  @Bean
  FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequests(SecuritySettings settings, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new CrossSiteRequestFilter(settings.allowedOrigins(), json));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/sandbox/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
