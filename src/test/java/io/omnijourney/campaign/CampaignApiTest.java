package io.omnijourney.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /api/campaigns}: bad input named field by field and nothing saved, unknown campaigns, the roles. */
class CampaignApiTest extends CampaignTest {

  @Test
  void everyBadFieldIsNamedAtOnceAndNothingIsSaved() {
    long campaigns = campaignCount();

    ResponseEntity<JsonNode> answer = post("/api/campaigns", """
        {"name": "", "playbook": "no-such-playbook", "audience": {"segment": "x", "customerIds": ["a"]},
         "variables": {"customerPhone": "+989121234567", "campaignId": "mine", "sendAt": "noon"},
         "startAt": "tomorrow", "ratePerSecond": 0}""");

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(fields(answer)).containsExactlyInAnyOrder("name", "variables.customerPhone", "variables.campaignId",
        "variables.sendAt", "playbook", "audience", "startAt", "ratePerSecond");
    assertThat(campaignCount()).isEqualTo(campaigns);
  }

  @Test
  void theVariablesThePlaybooksMessagesNeedAreNamedAndSoAreAnUnknownSegmentAndBadIds() {
    ResponseEntity<JsonNode> lacking = post("/api/campaigns", """
        {"name": "yalda", "playbook": "discount-campaign", "audience": {"segment": "no-such-segment"},
         "variables": {"discount": "20%"}, "ratePerSecond": 50}""");
    ResponseEntity<JsonNode> badIds = post("/api/campaigns", """
        {"name": "yalda", "playbook": "discount-campaign", "audience": {"customerIds": ["ok-1", "not ok", null]},
         "variables": %s, "ratePerSecond": 100000}""".formatted(OFFER_VARIABLES));
    ResponseEntity<JsonNode> noIds = post("/api/campaigns", """
        {"name": "yalda", "playbook": "discount-campaign", "audience": {"customerIds": []},
         "variables": %s, "ratePerSecond": 5}""".formatted(OFFER_VARIABLES));

    assertThat(fields(lacking)).containsExactlyInAnyOrder("variables.offerUrl", "variables.validUntil",
        "audience.segment");
    assertThat(fields(badIds)).containsExactlyInAnyOrder("audience.customerIds[1]", "audience.customerIds[2]",
        "ratePerSecond");
    assertThat(fields(noIds)).containsExactly("audience.customerIds");
  }

  @Test
  void anUnknownFieldOrAWrongTypeIsRefusedNotIgnored() {
    ResponseEntity<JsonNode> misspelt = post("/api/campaigns", """
        {"name": "yalda", "playbook": "discount-campaign", "audience": {"customerIDs": ["a"]},
         "variables": %s, "ratePerSecond": 5}""".formatted(OFFER_VARIABLES));
    ResponseEntity<JsonNode> wrongType = post("/api/campaigns", """
        {"name": "yalda", "playbook": "discount-campaign", "audience": {"customerIds": ["a"]},
         "variables": %s, "ratePerSecond": "fast"}""".formatted(OFFER_VARIABLES));
    ResponseEntity<JsonNode> notAnObject = post("/api/campaigns", "[]");

    assertThat(fields(misspelt)).containsExactly("audience.customerIDs");
    assertThat(misspelt.getBody().path("errors").get(0).path("message").asText()).contains("customerIds", "segment");
    assertThat(fields(wrongType)).containsExactly("ratePerSecond");
    assertThat(fields(notAnObject)).containsExactly("body");
  }

  @Test
  void anUnknownCampaignIs404ForEveryRoute() {
    String unknown = UUID.randomUUID().toString();

    assertThat(api().getForEntity("/api/campaigns/" + unknown, JsonNode.class).getStatusCode().value()).isEqualTo(404);
    for (String action : List.of("pause", "resume", "cancel")) {
      assertThat(control(unknown, action).getStatusCode().value()).as(action).isEqualTo(404);
    }
  }

  @Test
  void appsAndSupervisorsRunCampaignsAnalystsFollowThemOperatorsDoNeither() throws Exception {
    String body = """
        {"name": "roles", "playbook": "discount-campaign", "audience": {"customerIds": %s},
         "variables": %s, "ratePerSecond": 1}""".formatted(json.writeValueAsString(customers(1)), OFFER_VARIABLES);
    TestRestTemplate apps = asMemberOf("apps");
    TestRestTemplate supervisors = asMemberOf("supervisors");
    TestRestTemplate analysts = asMemberOf("analysts");
    TestRestTemplate operators = asMemberOf("operators");

    String campaign = created(post(apps, "/api/campaigns", body));
    assertThat(post(supervisors, "/api/campaigns/" + campaign + "/pause", "").getStatusCode().value()).isEqualTo(200);
    assertThat(post(apps, "/api/campaigns/" + campaign + "/resume", "").getStatusCode().value()).isEqualTo(200);
    assertThat(analysts.getForEntity("/api/campaigns/" + campaign, JsonNode.class).getStatusCode().value())
        .isEqualTo(200);
    assertThat(analysts.getForEntity("/api/campaigns", JsonNode.class).getStatusCode().value()).isEqualTo(200);
    assertThat(post(analysts, "/api/campaigns", body).getStatusCode().value()).isEqualTo(403);
    assertThat(post(analysts, "/api/campaigns/" + campaign + "/cancel", "").getStatusCode().value()).isEqualTo(403);
    assertThat(operators.getForEntity("/api/campaigns/" + campaign, JsonNode.class).getStatusCode().value())
        .isEqualTo(403);
    ResponseEntity<JsonNode> refused = post(operators, "/api/campaigns", body);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getBody().toString()).contains("apps", "supervisors");
    assertThat(campaign(campaign).path("createdBy").asText()).startsWith("u");
  }

  private static List<String> fields(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(400);
    return answer.getBody().path("errors").findValuesAsText("field");
  }

  private long campaignCount() {
    return jdbc.sql("SELECT COUNT(*) FROM campaign").query(Long.class).single();
  }

  private static ResponseEntity<JsonNode> post(TestRestTemplate as, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
