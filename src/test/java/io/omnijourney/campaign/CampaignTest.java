package io.omnijourney.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.customer.Customers;
import io.omnijourney.support.JourneyTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaigns of the discount-campaign playbook through the API, their batch jobs run by the test
 * itself: each at its due time on the engine clock, as the job executor would run it.
 */
abstract class CampaignTest extends JourneyTest {

  /** What the discount offer's templates need. */
  static final String OFFER_VARIABLES = """
      {"discount": "20%", "offerUrl": "https://shop.example.com/offer/YALDA", "validUntil": "2026-12-22"}""";

  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  @Autowired Customers customers;

  /** Campaigns are marketing: these tests start at noon in Tehran, where the customers live. */
  @BeforeEach
  void noonInTehran() {
    daytimeInTehran();
  }

  /** Customers with a phone, WhatsApp, a Telegram chat and an email, saved; their ids in order. */
  List<String> customers(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CustomerUpdate customer = newCustomer();
      customers.save(customer);
      ids.add(customer.id());
    }
    return ids.stream().sorted().toList();
  }

  /** Creates a campaign of the discount offer for these customers; its id. */
  String campaignFor(List<String> customerIds, double ratePerSecond) throws Exception {
    return created(post("/api/campaigns", """
        {"name": "yalda", "playbook": "discount-campaign", "audience": {"customerIds": %s},
         "variables": %s, "ratePerSecond": %s}""".formatted(json.writeValueAsString(customerIds), OFFER_VARIABLES,
        ratePerSecond)));
  }

  String created(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
    assertThat(answer.getBody().path("status").asText()).isEqualTo("SCHEDULED");
    return answer.getBody().path("campaignId").asText();
  }

  ResponseEntity<JsonNode> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return api().postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** {@code POST /api/campaigns/{id}/<action>}. */
  ResponseEntity<JsonNode> control(String campaignId, String action) {
    return post("/api/campaigns/" + campaignId + "/" + action, "");
  }

  JsonNode campaign(String campaignId) {
    return api().getForObject("/api/campaigns/" + campaignId, JsonNode.class);
  }

  /** The campaign's latest batch job, if it still has one. */
  Job pendingBatch(String campaignId) {
    String jobId = jdbc.sql("SELECT job_id FROM campaign WHERE id = ?").param(campaignId).query(String.class).list()
        .get(0);
    return jobId == null ? null : management.createJobQuery().jobId(jobId).singleResult();
  }

  /** Runs the campaign's next batch when it is due: the engine clock moves to its due date. */
  void runBatch(String campaignId) {
    Job batch = pendingBatch(campaignId);
    assertThat(batch).as("the campaign's next batch").isNotNull();
    ClockUtil.setCurrentTime(batch.getDuedate());
    management.executeJob(batch.getId());
  }

  /** Runs batches until the campaign has none left; how many ran. */
  int runToTheEnd(String campaignId) {
    int batches = 0;
    while (pendingBatch(campaignId) != null) {
      runBatch(campaignId);
      batches++;
    }
    return batches;
  }

  /** The customers the campaign started a journey for, once per journey. */
  List<String> startedCustomers(String campaignId) {
    return jdbc.sql("SELECT customer_id FROM journey WHERE campaign_id = ? ORDER BY customer_id").param(campaignId)
        .query(String.class).list();
  }

  Map<String, Object> counts(JsonNode campaign) {
    return Map.of("started", campaign.path("started").asLong(), "skipped", campaign.path("skipped").asLong(),
        "failed", campaign.path("failed").asLong(), "converted", campaign.path("converted").asLong());
  }
}
