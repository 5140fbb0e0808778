package io.omnijourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import io.omnijourney.web.ProblemResponse;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /webhooks/**}: no login; each provider's webhook checks the provider's own signature.
 *   <li>{@code /u/**}: no login; the unsubscribe link's token is signed.
 *   <li>{@code /o/**}: no login; an email's open pixel, its token signed.
 *   <li>{@code /v3/api-docs} and {@code /swagger-ui.html}: no login; the OpenAPI document of the routes.
 *   <li>our pages for people ({@link PageAccess}: {@code /kpis}, {@code /inbox}): a login form at
 *       {@code /login}, then a session with a CSRF token; the user's groups are read again on every
 *       request ({@link SessionGroups}). The inbox's script calls its API routes
 *       ({@link PageAccess#SESSION_API}) with that session, under the same {@link ApiAccess} rules.
 *   <li>{@code /api/**}, {@code /sandbox/**}, {@code /engine-rest/**}, {@code /actuator/**} and the
 *       webapps under {@code /camunda/**}: HTTP Basic against Camunda's users, checked on every
 *       request (no session remembers a login), then the caller's groups against
 *       {@link ApiAccess}. The webapps take the login over (container-based authentication), so
 *       Cockpit and Tasklist open without a second login.
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
  SecurityFilterChain pages(HttpSecurity http, ObjectMapper json, CamundaUsers users) throws Exception {
    RequestMatcher sessionApi = new AndRequestMatcher(matchers(PageAccess.SESSION_API),
        request -> request.getHeader(HttpHeaders.AUTHORIZATION) == null);
    return http.securityMatcher(new OrRequestMatcher(matchers(List.of(PageAccess.paths())), sessionApi))
        .authorizeHttpRequests(auth -> {
          auth.requestMatchers(PageAccess.PUBLIC.toArray(String[]::new)).permitAll();
          for (PageAccess.Rule rule : PageAccess.RULES) {
            auth.requestMatchers(rule.pattern())
                .hasAnyAuthority(rule.roles().stream().map(Role::authority).toArray(String[]::new));
          }
          // The routes a page's script calls: the same rules as with HTTP Basic.
          for (ApiAccess.Rule rule : ApiAccess.RULES) {
            auth.requestMatchers(rule.method(), rule.pattern()).access(needs(rule.roles()));
          }
          auth.anyRequest().authenticated();
        })
        // After the login form, back to the page that sent there, never to a script's API call.
        .requestCache(cache -> cache.requestCache(pageRequests(sessionApi)))
        // The session holds who logged in; what they may do is read again on every request.
        .addFilterAfter(new SessionGroups(users), SecurityContextHolderFilter.class)
        // CamundaUsers checks the form's user and password, as it checks HTTP Basic elsewhere.
        .formLogin(form -> form.loginPage("/login").successHandler(new LandingPage()))
        .logout(logout -> logout.logoutUrl(PageAccess.LOGOUT).logoutSuccessUrl("/login?logout"))
        // A script's call answers 401 or 403 as problem+json (its page then reloads to the login
        // form); a page redirects to the login form.
        .exceptionHandling(e -> {
          var entryPoints = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
          entryPoints.put(sessionApi, sessionEnded(json));
          var entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
          entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
          var deniedHandlers = new LinkedHashMap<RequestMatcher, AccessDeniedHandler>();
          deniedHandlers.put(sessionApi, forbidden(json));
          e.authenticationEntryPoint(entryPoint).accessDeniedHandler(
              new RequestMatcherDelegatingAccessDeniedHandler(deniedHandlers, new AccessDeniedHandlerImpl()));
        })
        .build();
  }

  private static HttpSessionRequestCache pageRequests(RequestMatcher sessionApi) {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(new NegatedRequestMatcher(sessionApi));
    return cache;
  }

  private static RequestMatcher matchers(List<String> patterns) {
    return new OrRequestMatcher(patterns.stream()
        .<RequestMatcher>map(pattern -> PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());
  }

  @Bean
  @Order(3)
  SecurityFilterChain everythingElse(HttpSecurity http, ObjectMapper json) throws Exception {
    AuthenticationEntryPoint unauthorized = unauthorized(json);
    return http
        .authorizeHttpRequests(auth -> {
          auth.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
          // The OpenAPI document and Swagger UI describe the public contract only, no data.
          auth.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll();
          for (ApiAccess.Rule rule : ApiAccess.RULES) {
            auth.requestMatchers(rule.method(), rule.pattern()).access(needs(rule.roles()));
          }
          auth.anyRequest().authenticated();
        })
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden(json)))
        // Every request carries its login, so a changed password or a removed member counts at once;
        // and a request without one leaves no session behind. The webapps' own session (Camunda's
        // CSRF token, its view of the user) keeps its id: a login on every request would otherwise
        // renew it every time, and a planted session id is worth nothing without the password.
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // Basic-authenticated APIs carry no cookies to forge, and a cross-site request is refused
        // before it gets here (CrossSiteRequestFilter); the webapps keep Camunda's own CSRF filter.
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /** 401 (429 after too many wrong passwords) as problem+json, asking for HTTP Basic. */
  private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
    return (request, response, e) -> {
      if (e instanceof CamundaUsers.LoginThrottled) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        ProblemResponse.send(response, json, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", e.getMessage());
        return;
      }
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Omnijourney\"");
      ProblemResponse.send(response, json, HttpStatus.UNAUTHORIZED, "Unauthorized",
          "Log in with HTTP Basic as a Camunda user");
    };
  }

  /**
   * 401 for a call to a page's API route without a login: a page whose session ended learns it
   * without the browser's Basic dialog (its script then reloads to the login form); any other
   * client is asked for HTTP Basic, as everywhere on /api.
   */
  private static AuthenticationEntryPoint sessionEnded(ObjectMapper json) {
    AuthenticationEntryPoint basic = unauthorized(json);
    return (request, response, e) -> {
      if (request.getRequestedSessionId() == null) {
        basic.commence(request, response, e);
        return;
      }
      ProblemResponse.send(response, json, HttpStatus.UNAUTHORIZED, "Unauthorized",
          "The session has ended; log in again");
    };
  }

  /** 403 as problem+json, naming the groups the route needs. */
  private static AccessDeniedHandler forbidden(ObjectMapper json) {
    return (request, response, e) -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
          "This route needs one of the groups " + String.join(", ", neededGroups(request)));
      problem.setTitle("Forbidden");
      problem.setProperty("roles", neededGroups(request));
      ProblemResponse.send(response, json, problem);
    };
  }

  private static final String NEEDED_GROUPS = SecurityConfiguration.class.getName() + ".neededGroups";

  /** Grants a route to members of these groups, and remembers them for the 403's text. */
  @SuppressWarnings("deprecation") // check() is still the interface's one abstract method
  private static AuthorizationManager<RequestAuthorizationContext> needs(List<Role> roles) {
    AuthorityAuthorizationManager<RequestAuthorizationContext> members =
        AuthorityAuthorizationManager.hasAnyAuthority(roles.stream().map(Role::authority).toArray(String[]::new));
    List<String> groups = roles.stream().map(Role::group).toList();
    return (authentication, context) -> {
      context.getRequest().setAttribute(NEEDED_GROUPS, groups);
      return members.check(authentication, context);
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> neededGroups(HttpServletRequest request) {
    Object groups = request.getAttribute(NEEDED_GROUPS);
    return groups instanceof List<?> list ? (List<String>) list : List.of(Role.ADMIN.group());
  }

  /** Hands the Spring Security login to Cockpit, Tasklist and Admin. */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappLogin() {
    return afterSpringSecurity(new ContainerBasedAuthenticationFilter(), "/camunda/*");
  }

  /**
   * Makes the logged-in user the engine's current user for {@code /engine-rest}, so that Camunda
   * checks its authorizations and writes its name in the user operation log.
   */
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
