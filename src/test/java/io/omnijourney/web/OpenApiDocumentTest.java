package io.omnijourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.JourneyTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at {@code /v3/api-docs}: served without a login, valid OpenAPI 3, and
 * naming every route of our controllers with who may call it and the errors it answers.
 */
class OpenApiDocumentTest extends JourneyTest {

  private static final List<String> OUR_ROUTES = List.of("/api", "/sandbox", "/webhooks", "/u/", "/o/");

  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  private String json;
  private OpenAPI document;

  @BeforeEach
  void fetchAndParse() {
    ResponseEntity<String> answer = http.getForEntity("/v3/api-docs", String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    json = answer.getBody();
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, null);
    assertThat(parsed.getMessages()).as("the OpenAPI parser's findings").isEmpty();
    document = parsed.getOpenAPI();
    assertThat(document).isNotNull();
  }

  @Test
  void theDocumentIsValidOpenApi3OfOurRoutesOnly() {
    assertThat(document.getOpenapi()).startsWith("3.0");
    assertThat(document.getPaths().keySet())
        .isNotEmpty()
        .allMatch(path -> OUR_ROUTES.stream().anyMatch(path::startsWith), "one of our routes");
  }

  @Test
  void everyRouteOfOurControllersIsDocumented() {
    List<String> routes = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
        .filter(pattern -> OUR_ROUTES.stream().anyMatch(pattern::startsWith))
        .forEach(pattern -> info.getMethodsCondition().getMethods()
            .forEach(method -> routes.add(method.name() + " " + pattern))));
    List<String> documented = new ArrayList<>();
    document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> documented.add(method.name() + " " + path)));

    assertThat(routes).contains("POST /api/journeys", "PUT /sandbox/rules", "POST /webhooks/smsru", "GET /u/{token}");
    assertThat(documented).containsAll(routes);
  }

  @Test
  void apiRoutesNeedBasicAndNameTheirGroupsWebhooksNeedNoLogin() {
    Operation start = operation("/api/journeys", HttpMethod.POST);
    assertThat(start.getSecurity()).singleElement().satisfies(requirement -> assertThat(requirement).containsKey("basic"));
    assertThat(start.getResponses().get("401")).isNotNull();
    assertThat(start.getResponses().get("403").getDescription()).contains("apps, camunda-admin");
    assertThat(operation("/api/playbooks", HttpMethod.GET).getResponses().get("403").getDescription())
        .contains("apps, analysts, supervisors, operators, camunda-admin");
    assertThat(document.getComponents().getSecuritySchemes().get("basic").getScheme()).isEqualTo("basic");

    Operation whatsapp = operation("/webhooks/whatsapp", HttpMethod.POST);
    assertThat(whatsapp.getSecurity()).isEmpty();
    assertThat(whatsapp.getParameters()).anySatisfy(header -> {
      assertThat(header.getName()).isEqualTo("X-Hub-Signature-256");
      assertThat(header.getRequired()).isTrue();
      assertThat(header.getDescription()).contains("HMAC-SHA256");
    });
  }

  @Test
  void everyErrorOfTheApiIsAProblemAndEveryBodyCanBeTooLarge() {
    document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      if (!path.startsWith("/api")) {
        return;
      }
      assertThat(operation.getSummary()).as(method + " " + path).isNotBlank();
      operation.getResponses().forEach((status, response) -> {
        if (status.startsWith("4")) {
          assertThat(response.getContent()).as(method + " " + path + " " + status).containsOnlyKeys("application/problem+json");
        }
      });
      if (operation.getRequestBody() != null) {
        assertThat(operation.getResponses()).as(method + " " + path).containsKeys("400", "413");
      }
    }));
    assertThat(operation("/api/journeys", HttpMethod.POST).getResponses()).containsKeys("201", "200", "400", "404", "422");
    assertThat(document.getComponents().getSchemas().get("ValidationProblem").getRequired()).contains("errors");
  }

  @Test
  void theDocumentAndSwaggerUiNeedNoLoginAndNoSameSiteBrowser() {
    HttpHeaders crossSite = new HttpHeaders();
    crossSite.setOrigin("https://elsewhere.example");
    crossSite.set("Sec-Fetch-Site", "cross-site");
    ResponseEntity<String> docs = http.exchange("/v3/api-docs", HttpMethod.GET, new HttpEntity<>(crossSite), String.class);
    assertThat(docs.getStatusCode().value()).isEqualTo(200);
    assertThat(http.getForEntity("/v3/api-docs/swagger-config", String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getBody()).contains("Swagger UI");
    // Swagger UI's old address redirects to its page, also without a login.
    ResponseEntity<String> ui = http.getForEntity("/swagger-ui.html", String.class);
    assertThat(ui.getStatusCode().is2xxSuccessful() || ui.getStatusCode().is3xxRedirection()).isTrue();
  }

  private Operation operation(String path, HttpMethod method) {
    PathItem item = document.getPaths().get(path);
    assertThat(item).as(path).isNotNull();
    Map<PathItem.HttpMethod, Operation> operations = item.readOperationsMap();
    return operations.get(PathItem.HttpMethod.valueOf(method.name()));
  }
}
