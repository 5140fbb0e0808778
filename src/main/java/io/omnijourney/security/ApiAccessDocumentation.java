package io.omnijourney.security;

import static io.omnijourney.web.OpenApiConfiguration.FORBIDDEN_PROBLEM;
import static io.omnijourney.web.OpenApiConfiguration.PROBLEM;
import static io.omnijourney.web.OpenApiConfiguration.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;

/**
 * Says in the OpenAPI document who may call each route, from the same table that decides it
 * ({@link ApiAccess}), so the two cannot drift apart: {@code /api} and {@code /sandbox} take HTTP
 * Basic and answer 401, 429 and a 403 naming the route's groups; the webhooks and the customers'
 * links take no login (each checks its own signature or signed token, as its operation says).
 */
@Component
class ApiAccessDocumentation implements OpenApiCustomizer {

  static final String BASIC = "basic";
  private static final List<String> LOGIN_ROUTES = List.of("/api/", "/sandbox/");
  private static final AntPathMatcher PATHS = new AntPathMatcher();

  @Override
  public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi.getComponents().addSecuritySchemes(BASIC, new SecurityScheme()
        .type(SecurityScheme.Type.HTTP).scheme("basic")
        .description("A Camunda user's id and password, on every request (no session). Members of camunda-admin"
            + " may call every route; the others as each route's 403 says."));
    if (openApi.getPaths() == null) {
      return;
    }
    openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      if (LOGIN_ROUTES.stream().noneMatch(path::startsWith)) {
        // No login: an empty requirement overrides any default (webhooks check a signature instead).
        operation.setSecurity(new ArrayList<>());
        return;
      }
      operation.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BASIC))));
      var responses = operation.getResponses();
      responses.addApiResponse("401", problem("No login, or a wrong user or password", PROBLEM)
          .addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema().example("Basic realm=\"Omnijourney\""))));
      List<String> groups = groups(HttpMethod.valueOf(method.name()), path);
      responses.addApiResponse("403", problem("The user is in none of the groups " + String.join(", ", groups)
          + " (listed under `roles`); or a browser's request from another site that would change something",
          FORBIDDEN_PROBLEM));
      responses.addApiResponse("429", problem("Too many failed logins from this address; try again after Retry-After",
          PROBLEM).addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())));
    }));
  }

  /** The groups of the first rule that matches, as {@link SecurityConfiguration} applies them. */
  static List<String> groups(HttpMethod method, String path) {
    return ApiAccess.RULES.stream()
        .filter(rule -> rule.method() == null || rule.method().equals(method))
        .filter(rule -> PATHS.match(rule.pattern(), path))
        .findFirst()
        .map(rule -> rule.roles().stream().map(Role::group).toList())
        .orElse(List.of(Role.ADMIN.group()));
  }
}
