package io.omnijourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Filters that refuse a request before anything else looks at it, Spring Security's login
 * included: each is its own servlet filter, ordered ahead of Spring Security's chain.
 */
@Configuration
class RequestFilters {

  /**
   * {@code omnijourney.security.*}.
   *
   * @param allowedOrigins origins besides this site's own whose pages may change things through the
   *     APIs (e.g. {@code https://admin.example.com}); empty by default
   */
  @ConfigurationProperties("omnijourney.security")
  record Settings(@DefaultValue List<String> allowedOrigins) {}

  /** Before Spring Security, so that a browser's cached Basic login is never used for another site. */
  @Bean
  FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequests(Settings settings, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new CrossSiteRequestFilter(settings.allowedOrigins(), json));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/sandbox/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
