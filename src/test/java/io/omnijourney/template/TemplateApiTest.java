package io.omnijourney.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.support.JourneyTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The templates API: what analysts' templates exist, and how a message would read. */
class TemplateApiTest extends JourneyTest {

  @Test
  void theListShowsEachTemplateWithItsChannelsAndLocales() {
    JsonNode list = api().getForObject("/api/templates", JsonNode.class);

    JsonNode confirmation = find(list, "order-confirmation");
    assertThat(confirmation.path("channels").path("sms").toString()).isEqualTo("[\"en\",\"fa\",\"ru\"]");
    assertThat(confirmation.path("channels").path("whatsapp").toString()).isEqualTo("[\"en\",\"fa\",\"ru\"]");
    assertThat(find(list, "order-invoice").path("channels").path("email").toString()).isEqualTo("[\"en\",\"fa\",\"ru\"]");
  }

  @Test
  void aPreviewRendersTheMessageAndCountsTheSmsParts() {
    ResponseEntity<JsonNode> answer = preview("order-confirmation",
        Map.of("channel", "sms", "locale", "fa", "variables", Map.of("orderNumber", "1001")));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    String text = answer.getBody().path("text").asText();
    assertThat(text).contains("1001");
    assertThat(answer.getBody().path("smsParts").asInt()).isEqualTo(SmsSegments.count(text)).isPositive();
  }

  @Test
  void anEmailPreviewHasASubjectBothBodiesAndTheUnsubscribeLink() {
    JsonNode email = preview("order-invoice",
        Map.of("channel", "email", "locale", "ru", "variables", Map.of("orderNumber", "77"))).getBody();

    assertThat(email.path("subject").asText()).contains("77");
    assertThat(email.path("text").asText()).contains("/u/");
    assertThat(email.path("html").asText()).contains("<strong>77</strong>").contains("href=");
    assertThat(email.path("smsParts").isMissingNode() || email.path("smsParts").isNull()).isTrue();
  }

  @Test
  void aMissingVariableIsA400ThatNamesIt() {
    ResponseEntity<JsonNode> answer = preview("order-confirmation", Map.of("channel", "sms", "locale", "en"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().path("errors").path(0).path("field").asText()).isEqualTo("variables");
    assertThat(answer.getBody().path("errors").path(0).path("message").asText()).contains("orderNumber");
  }

  @Test
  void anUnknownTemplateIs404AndAnUnknownChannel400() {
    assertThat(preview("no-such-template", Map.of("channel", "sms")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(preview("order-invoice", Map.of("channel", "sms")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(preview("order-confirmation", Map.of("channel", "fax")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private ResponseEntity<JsonNode> preview(String id, Map<String, Object> body) {
    return api().postForEntity("/api/templates/" + id + "/preview", body, JsonNode.class);
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode template : list) {
      if (template.path("id").asText().equals(id)) {
        return template;
      }
    }
    throw new AssertionError("no template " + id + " in " + list);
  }
}
