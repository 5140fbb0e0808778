package io.omnijourney.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole journey on a real PostgreSQL, through the REST API only, with the job executor running
 * as in production: the SMS stays silent, its timer fires, WhatsApp delivers, the invoice email goes
 * out and the journey completes. It runs in a database of its own, created fresh for each run.
 */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "omnijourney.delivery.sweep-interval=PT1S"})
@ActiveProfiles({"test", "postgres"})
class PostgresJourneyTest {

  private static final String DATABASE = "omnijourney_it";

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
    try (Connection admin = DriverManager.getConnection(
            Server.ADMIN_URL, Server.USER, Server.PASSWORD);
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + DATABASE);
    }
    String url = Server.ADMIN_URL.substring(0, Server.ADMIN_URL.lastIndexOf('/') + 1) + DATABASE;
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> Server.USER);
    registry.add("spring.datasource.password", () -> Server.PASSWORD);
  }

  @Test
  void silentSmsFallsBackToWhatsappAndTheJourneyCompletesOnPostgres() throws Exception {
    assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    put("/sandbox/rules", "[{\"channel\": \"sms\", \"recipient\": \"*\", \"outcome\": \"silent\", \"delayMs\": 0}]");
    String businessKey = "order-" + UUID.randomUUID();

    JsonNode started = post("/api/journeys", """
        {"playbook": "order-confirmation", "businessKey": "%s",
         "customer": {"id": "cust-pg", "phone": "+79161234567", "email": "ivan@example.com", "locale": "ru"},
         "variables": {"orderNumber": "2002", "smsTimeout": "PT2S", "whatsappTimeout": "PT30S", "invoiceDelay": "PT1S"}}
        """.formatted(businessKey));
    String journeyId = started.get("journeyId").asText();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(get("/api/journeys/" + journeyId).get("status").asText()).isEqualTo("COMPLETED"));
    JsonNode journey = get("/api/journeys/" + journeyId);
    List<String> deliveries = new ArrayList<>();
    journey.get("deliveries").forEach(d -> deliveries.add(d.get("channel").asText() + ":" + d.get("status").asText()));
    assertThat(deliveries).containsExactly("sms:ACCEPTED", "whatsapp:DELIVERED", "email:DELIVERED");
    JsonNode outbox = get("/sandbox/outbox");
    List<String> channels = new ArrayList<>();
    outbox.forEach(m -> channels.add(m.get("channel").asText()));
    assertThat(channels).containsExactly("sms", "whatsapp", "email");
    assertThat(outbox.get(0).get("text").asText()).contains("2002").contains("заказ");
  }

  private JsonNode post(String path, String body) throws Exception {
    var answer = http.withBasicAuth("demo", "demo").postForEntity(path, new HttpEntity<>(body, jsonHeaders()), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    return json.readTree(answer.getBody());
  }

  private void put(String path, String body) {
    http.withBasicAuth("demo", "demo").put(path, new HttpEntity<>(body, jsonHeaders()));
  }

  private JsonNode get(String path) throws Exception {
    return json.readTree(http.withBasicAuth("demo", "demo").getForEntity(path, String.class).getBody());
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
