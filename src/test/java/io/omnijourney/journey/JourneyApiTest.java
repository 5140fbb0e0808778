package io.omnijourney.journey;

import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SEND_SMS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.customer.Customers;
import io.omnijourney.support.JourneyTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The public HTTP contract of docs/api.md: starting journeys, reading them, playbooks and business events. */
class JourneyApiTest extends JourneyTest {

  @Autowired ObjectMapper json;
  @Autowired Customers customers;

  @Test
  void startAnswers201AndTheJourneyShowsItsDeliveries() throws Exception {
    String businessKey = "order-" + UUID.randomUUID();
    ResponseEntity<String> started = post("/api/journeys", startBody(businessKey, "cust-42"), null);

    assertThat(started.getStatusCode().value()).isEqualTo(201);
    JsonNode body = json.readTree(started.getBody());
    assertThat(body.get("playbook").asText()).isEqualTo("order-confirmation");
    assertThat(body.get("businessKey").asText()).isEqualTo(businessKey);
    assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
    String journeyId = body.get("journeyId").asText();
    assertThat(started.getHeaders().getLocation()).hasPath("/api/journeys/" + journeyId);

    management.executeJob(management.createJobQuery().processInstanceId(journeyId).activityId(SEND_SMS)
        .singleResult().getId());
    eventually(() -> {
      JsonNode journey = get("/api/journeys/" + journeyId);
      assertThat(journey.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(journey.get("waitingAt").toString()).contains("Invoice due");
      JsonNode sms = journey.get("deliveries").get(0);
      assertThat(sms.get("channel").asText()).isEqualTo("sms");
      assertThat(sms.get("provider").asText()).isEqualTo("sandbox");
      assertThat(sms.get("status").asText()).isEqualTo("DELIVERED");
      assertThat(sms.get("late").asBoolean()).isFalse();
      assertThat(sms.get("segments").asInt()).isEqualTo(1);
      assertThat(sms.get("providerMessageId").asText()).startsWith("sbx-");
      assertThat(sms.has("deliveryId") && sms.has("createdAt") && sms.has("updatedAt")).isTrue();
    });
  }

  @Test
  void fault15_sameIdempotencyKeyTwice_oneJourneyAndTheSameAnswer() {
    String businessKey = "order-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();

    ResponseEntity<String> first = post("/api/journeys", startBody(businessKey, "cust-7"), key);
    ResponseEntity<String> second = post("/api/journeys", startBody(businessKey, "cust-7"), key);

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(second.getStatusCode().value()).isEqualTo(200);
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isEqualTo(1);
  }

  @Test
  void fault15_sameIdempotencyKeyFiveTimesAtOnce_oneJourney() throws Exception {
    String businessKey = "order-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    List<Callable<ResponseEntity<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(() -> post("/api/journeys", startBody(businessKey, "cust-8"), key));
    }
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<String> bodies = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : pool.invokeAll(requests)) {
      assertThat(answer.get().getStatusCode().is2xxSuccessful()).isTrue();
      bodies.add(answer.get().getBody());
    }
    pool.shutdown();

    assertThat(bodies).containsOnly(bodies.get(0));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isEqualTo(1);
  }

  @Test
  void concurrentStartsForANewCustomerAllSucceedAndShareOneProfile() throws Exception {
    String customerId = "cust-" + UUID.randomUUID();
    List<Callable<ResponseEntity<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String businessKey = "order-" + UUID.randomUUID();
      requests.add(() -> post("/api/journeys", startBody(businessKey, customerId), null));
    }
    ExecutorService pool = Executors.newFixedThreadPool(5);
    for (Future<ResponseEntity<String>> answer : pool.invokeAll(requests)) {
      assertThat(answer.get().getStatusCode().value()).isEqualTo(201);
    }
    pool.shutdown();

    assertThat(customers.find(customerId).orElseThrow().phone()).isEqualTo("+989121234567");
  }

  @Test
  void idempotencyKeyReusedForADifferentRequestIs422() {
    String key = UUID.randomUUID().toString();
    post("/api/journeys", startBody("order-a-" + key, "cust-9"), key);

    ResponseEntity<String> reused = post("/api/journeys", startBody("order-b-" + key, "cust-9"), key);

    assertThat(reused.getStatusCode().value()).isEqualTo(422);
  }

  @Test
  void badRequestIs400WithEveryBadFieldNamed() throws Exception {
    String body = """
        {"playbook": "Order Confirmation!", "customer": {"id": "", "phone": "0912", "email": "not-an-email",
         "locale": "de", "timeZone": "Mars/Olympus"},
         "variables": {"smsTimeout": "soon", "order": {"nested": true}}}
        """;

    ResponseEntity<String> answer = post("/api/journeys", body, null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    List<String> fields = new ArrayList<>();
    json.readTree(answer.getBody()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains("playbook", "customer.id", "customer.phone", "customer.email", "customer.locale");
  }

  @Test
  void badVariablesAndTimeZoneAre400WithTheFieldsNamed() throws Exception {
    String body = """
        {"playbook": "order-confirmation", "customer": {"id": "cust-1", "timeZone": "Mars/Olympus"},
         "variables": {"smsTimeout": "soon", "order": {"nested": true}, "customerPhone": "+989121234567"}}
        """;

    ResponseEntity<String> answer = post("/api/journeys", body, null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    json.readTree(answer.getBody()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("customer.timeZone", "variables.smsTimeout", "variables.order",
        "variables.customerPhone");
  }

  @Test
  void aCustomerLocaleThatIsAPathIs400NamingItAndStartsNothing() throws Exception {
    long before = runtime.createProcessInstanceQuery().count();
    String body = startBody("order-" + UUID.randomUUID(), "cust-" + UUID.randomUUID())
        .replace("\"locale\": \"fa\"", "\"locale\": \"x/../../../META-INF/NOTICE\"");

    ResponseEntity<String> answer = post("/api/journeys", body, null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    json.readTree(answer.getBody()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactly("customer.locale");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void unreadableJsonIs400() {
    ResponseEntity<String> answer = post("/api/journeys", "{\"playbook\": ", null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void unknownPlaybookIs404AndStartsNothing() {
    long before = runtime.createProcessInstanceQuery().count();

    ResponseEntity<String> answer = post("/api/journeys",
        startBody("order-x", "cust-1").replace("order-confirmation", "no-such-playbook"), null);

    assertThat(answer.getStatusCode().value()).isEqualTo(404);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void unknownJourneyIs404() {
    assertThat(api().getForEntity("/api/journeys/nope", String.class).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void playbooksListsTheDeployedPlaybooks() throws Exception {
    JsonNode playbooks = get("/api/playbooks");

    assertThat(playbooks.toString()).contains("\"key\":\"order-confirmation\"", "\"processKey\":\"orderConfirmation\"",
        "\"version\":1", "\"name\":\"Order confirmation and invoice\"");
  }

  @Test
  void businessEventReachesOnlyJourneysWaitingForIt() throws Exception {
    ResponseEntity<String> answer = post("/api/events", "{\"name\": \"payment-received\", \"businessKey\": \"invoice-77\"}", null);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(answer.getBody()).get("correlated").asInt()).isZero();
  }

  @Test
  void deliveryReportsCannotBeFakedAsBusinessEvents() {
    ResponseEntity<String> answer = post("/api/events", "{\"name\": \"delivery-confirmed\"}", null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void startingThroughEngineRestBehavesLikeTheApi() throws Exception {
    String businessKey = "order-" + UUID.randomUUID();
    String customerId = "cust-" + UUID.randomUUID();
    String body = """
        {"businessKey": "%s", "variables": {
          "customerId": {"value": "%s", "type": "String"},
          "customerPhone": {"value": "+98 912 123 4567", "type": "String"},
          "customerLocale": {"value": "ru", "type": "String"},
          "orderNumber": {"value": "77", "type": "String"}}}
        """.formatted(businessKey, customerId);

    ResponseEntity<String> answer = post("/engine-rest/process-definition/key/orderConfirmation/start", body, null);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    String journeyId = json.readTree(answer.getBody()).get("id").asText();
    JsonNode journey = get("/api/journeys/" + journeyId);
    assertThat(journey.get("playbook").asText()).isEqualTo("order-confirmation");
    assertThat(journey.get("customerId").asText()).isEqualTo(customerId);
    assertThat(customers.find(customerId).orElseThrow().phone()).isEqualTo("+989121234567");
    assertThat(runtime.getVariables(journeyId)).doesNotContainKeys("customerPhone", "customerLocale")
        .containsEntry("smsTimeout", "PT5M");
  }

  @Test
  void engineRestStartWithBadContactDataIs400AndStartsNothing() {
    String body = """
        {"variables": {"customerId": {"value": "c-1", "type": "String"},
                       "customerPhone": {"value": "not a phone", "type": "String"}}}
        """;
    long before = runtime.createProcessInstanceQuery().count();

    ResponseEntity<String> answer = post("/engine-rest/process-definition/key/orderConfirmation/start", body, null);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  private static String startBody(String businessKey, String customerId) {
    return """
        {"playbook": "order-confirmation", "businessKey": "%s",
         "customer": {"id": "%s", "phone": "+989121234567", "email": "sara@example.com", "locale": "fa",
                      "timeZone": "Asia/Tehran"},
         "variables": {"orderNumber": "1001", "smsTimeout": "PT10S"}}
        """.formatted(businessKey, customerId);
  }

  private ResponseEntity<String> post(String path, String body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return api().postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private JsonNode get(String path) {
    try {
      return json.readTree(api().getForEntity(path, String.class).getBody());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
