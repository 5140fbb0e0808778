package io.omnijourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /webhooks/**}: no login; each provider's webhook checks the provider's own signature.
 *   <li>{@code /u/**}: no login; the unsubscribe link's token is signed.
 *   <li>{@code /o/**}: no login; an email's open pixel, its token signed.
 *   <li>{@code /api/**}, {@code /sandbox/**}, {@code /engine-rest/**} and the webapps under
 *       {@code /camunda/**}: HTTP Basic against Camunda's users. The webapps take the login over
 *       (container-based authentication), so Cockpit and Tasklist open without a second login.
 * </ul>
 */
@Configuration
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
    return http.securityMatcher("/webhooks/**", "/u/**", "/o/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain everythingElse(HttpSecurity http, ObjectMapper json) throws Exception {
    AuthenticationEntryPoint unauthorized = (request, response, e) -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
          "Log in with HTTP Basic as a Camunda user");
      problem.setTitle("Unauthorized");
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"Omnijourney\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
    };
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
        // Basic-authenticated APIs carry no cookies to forge; the webapps keep Camunda's own CSRF filter.
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /** Hands the Spring Security login to Cockpit, Tasklist and Admin. */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappLogin() {
    return afterSpringSecurity(new ContainerBasedAuthenticationFilter(), "/camunda/*");
  }

  /** Makes the logged-in user the engine's current user for {@code /engine-rest} (user operation log). */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestLogin() {
    return afterSpringSecurity(new ProcessEngineAuthenticationFilter(), "/engine-rest/*");
  }

  /** Camunda's filter, reading the user Spring Security authenticated from the request's principal. */
  private static <F extends Filter> FilterRegistrationBean<F> afterSpringSecurity(F filter, String urlPattern) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ContainerBasedAuthenticationProvider.class.getName());
    registration.addUrlPatterns(urlPattern);
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
