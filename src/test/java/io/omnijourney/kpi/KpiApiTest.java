package io.omnijourney.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/kpis} on the seeded data set: every field, the empty window, the bad parameters. */
class KpiApiTest extends KpiJourneyTest {

  @Autowired ObjectMapper json;

  @Test
  void theSeededOrderConfirmationsGiveEveryFigure() throws Exception {
    Seeded seeded = seedTenOrderConfirmations();

    JsonNode kpis = get("/api/kpis?" + seeded.query() + "&playbook=order-confirmation").getBody();

    long segments = 10L * seeded.smsSegmentsEach();
    BigDecimal smsCost = new BigDecimal("0.05").multiply(BigDecimal.valueOf(segments)).setScale(4);
    BigDecimal whatsappCost = new BigDecimal("0.0800");
    String expected = """
        {"from": "%s", "to": "%s", "playbook": "order-confirmation", "campaign": null, "currency": "EUR",
         "journeys": {"started": 10, "completed": 0, "converted": 0, "conversionRate": 0.0},
         "deliveries": [
           {"playbook": "order-confirmation", "step": "Task_SendSms", "channel": "sms", "provider": "sandbox",
            "sent": 10, "delivered": 6, "read": 0, "failed": 0, "deliveryRate": 0.6, "fallbackRate": 0.4,
            "smsSegments": %d, "cost": %s, "costPerDelivered": %s},
           {"playbook": "order-confirmation", "step": "Task_SendWhatsapp", "channel": "whatsapp", "provider": "sandbox",
            "sent": 4, "delivered": 4, "read": 0, "failed": 0, "deliveryRate": 1.0, "fallbackRate": 0.0,
            "smsSegments": null, "cost": %s, "costPerDelivered": 0.0200}],
         "channels": [
           {"channel": "sms", "sent": 10, "delivered": 6, "read": 0, "failed": 0, "deliveryRate": 0.6,
            "fallbackRate": 0.4, "smsSegments": %d, "cost": %s, "costPerDelivered": %s},
           {"channel": "whatsapp", "sent": 4, "delivered": 4, "read": 0, "failed": 0, "deliveryRate": 1.0,
            "fallbackRate": 0.0, "smsSegments": null, "cost": %s, "costPerDelivered": 0.0200}],
         "variants": [],
         "engagementRate": 0.0, "optOutRate": 0.1, "ignoreRate": 0.9,
         "support": {"conversations": 0, "customerMessages": 0,
                     "firstResponseSeconds": {"p50": null, "p90": null},
                     "resolutionSeconds": {"p50": null, "p90": null},
                     "slaBreaches": 0, "repeatContactRate": null, "csat": {"answers": 0, "average": null}}}
        """.formatted(seeded.from(), seeded.to(), segments, smsCost, perDelivered(smsCost, 6), whatsappCost,
        segments, smsCost, perDelivered(smsCost, 6), whatsappCost);
    assertThat(kpis).isEqualTo(json.readTree(expected));
  }

  @Test
  void aWindowWithNothingInItHasZeroCountsAndNullRates() {
    JsonNode kpis = get("/api/kpis?from=2001-01-01T00:00:00Z&to=2001-01-08T00:00:00Z").getBody();

    assertThat(kpis.get("journeys").get("started").asLong()).isZero();
    assertThat(kpis.get("journeys").get("conversionRate").isNull()).isTrue();
    assertThat(kpis.get("deliveries")).isEmpty();
    assertThat(kpis.get("channels")).isEmpty();
    assertThat(kpis.get("engagementRate").isNull()).isTrue();
    assertThat(kpis.get("optOutRate").isNull()).isTrue();
    assertThat(kpis.get("ignoreRate").isNull()).isTrue();
    assertThat(kpis.get("playbook").isNull()).isTrue();
  }

  @Test
  void withoutAWindowItIsTheLastSevenDays() {
    JsonNode kpis = get("/api/kpis").getBody();

    var from = java.time.Instant.parse(kpis.get("from").asText());
    var to = java.time.Instant.parse(kpis.get("to").asText());
    assertThat(java.time.Duration.between(from, to)).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(to).isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(1,
        java.time.temporal.ChronoUnit.MINUTES));
  }

  @Test
  void aWindowOrPlaybookThatDoesNotParseIsA400NamingIt() {
    assertBadRequestNaming("/api/kpis?from=yesterday", "from");
    assertBadRequestNaming("/api/kpis?to=2026-13-01T00:00:00Z", "to");
    assertBadRequestNaming("/api/kpis?from=2026-12-08T00:00:00Z&to=2026-12-01T00:00:00Z", "to");
    assertBadRequestNaming("/api/kpis?playbook=Order%20Confirmation", "playbook");
    assertBadRequestNaming("/api/kpis?campaign=not%20an%20id", "campaign");
  }

  private void assertBadRequestNaming(String uri, String field) {
    ResponseEntity<JsonNode> answer = get(uri);
    assertThat(answer.getStatusCode().value()).as(uri).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(answer.getBody().get("errors").get(0).get("field").asText()).as(uri).isEqualTo(field);
  }

  private ResponseEntity<JsonNode> get(String uri) {
    return api().getForEntity(uri, JsonNode.class);
  }

  private static BigDecimal perDelivered(BigDecimal cost, int delivered) {
    return cost.divide(BigDecimal.valueOf(delivered), 4, RoundingMode.HALF_UP);
  }
}
