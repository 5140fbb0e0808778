package io.omnijourney.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.support.JourneyTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The templates API: what analysts' templates exist, and how a message would read. */
class TemplateApiTest extends JourneyTest {

  @Autowired ObjectMapper json;

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
  void aLocaleThatIsAPathIs400NamingItAndShowsNoFile() throws Exception {
    String notice = new String(new ClassPathResource("META-INF/NOTICE.txt").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).strip().lines().findFirst().orElseThrow();

    ResponseEntity<String> answer = api().postForEntity("/api/templates/order-confirmation/preview",
        Map.of("channel", "sms", "locale", "x/../../../META-INF/NOTICE", "variables", Map.of("orderNumber", "1")),
        String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(fields(answer.getBody())).containsExactly("locale");
    assertThat(answer.getBody()).doesNotContain(notice).doesNotContain("META-INF");
  }

  @Test
  void aHugeLocaleIs400NamingItWithoutEchoingIt() throws Exception {
    ResponseEntity<String> answer = api().postForEntity("/api/templates/order-confirmation/preview",
        Map.of("channel", "sms", "locale", "en" + "-abcdefgh".repeat(100_000)), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(answer.getBody())).containsExactly("locale");
    assertThat(answer.getBody()).hasSizeLessThan(1_000);
  }

  @Test
  void aTemplateIdThatIsNotAPlainIdIs400NamingIt() throws Exception {
    ResponseEntity<String> answer = api().postForEntity("/api/templates/Order.Confirmation/preview",
        Map.of("channel", "sms"), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(answer.getBody())).containsExactly("id");
  }

  @Test
  void aWellFormedLocaleTheTemplateHasNoTextInFallsBackToItsLanguage() {
    ResponseEntity<JsonNode> answer = preview("order-confirmation",
        Map.of("channel", "sms", "locale", "ru-RU", "variables", Map.of("orderNumber", "7")));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("text").asText()).isEqualTo("Спасибо! Ваш заказ 7 подтверждён.");
  }

  @Test
  void anUnknownTemplateIs404AndAnUnknownChannel400() {
    ResponseEntity<JsonNode> unknown = preview("no-such-template", Map.of("channel", "sms"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(preview("order-invoice", Map.of("channel", "sms")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(preview("order-confirmation", Map.of("channel", "fax")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private ResponseEntity<JsonNode> preview(String id, Map<String, Object> body) {
    return api().postForEntity("/api/templates/" + id + "/preview", body, JsonNode.class);
  }

  private List<String> fields(String problem) throws Exception {
    List<String> fields = new ArrayList<>();
    json.readTree(problem).path("errors").forEach(error -> fields.add(error.path("field").asText()));
    return fields;
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
