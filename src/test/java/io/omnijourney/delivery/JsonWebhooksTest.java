package io.omnijourney.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.delivery.DeliveryReports;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The skeleton of the JSON webhooks: recipe first, then JSON, then the provider's mapping or a dead letter. */
class JsonWebhooksTest {

  private final DeliveryReports reports = mock(DeliveryReports.class);
  private final JsonWebhooks webhooks = new JsonWebhooks(new ObjectMapper(), reports);
  private final List<JsonNode> handled = new ArrayList<>();

  /** Signed by "good"; reads JSON objects only. */
  private final JsonWebhooks.Hook hook = new JsonWebhooks.Hook() {
    @Override
    public Optional<String> refusal(byte[] raw, String signature) {
      return "good".equals(signature) ? Optional.empty() : Optional.of("bad signature");
    }

    @Override
    public String unreadable() {
      return "not a JSON object";
    }

    @Override
    public ResponseEntity<?> handle(JsonNode body, String payload) {
      handled.add(body);
      return ResponseEntity.ok(Map.of("payload", payload));
    }
  };

  @Test
  void aRefusedRequestGets401AndNothingIsReadOrStored() {
    ResponseEntity<?> answer = webhooks.receive("acme", hook, "forged", bytes("{\"id\":1}"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(handled).isEmpty();
    verify(reports, never()).deadLetter(anyString(), anyString(), anyString());
  }

  @Test
  void aReadableBodyGoesToTheProvidersMappingWithItsText() {
    ResponseEntity<?> answer = webhooks.receive("acme", hook, "good", bytes("{\"id\":1}"));

    assertThat(answer.getBody()).isEqualTo(Map.of("payload", "{\"id\":1}"));
    assertThat(handled).singleElement().satisfies(body -> assertThat(body.path("id").asInt()).isEqualTo(1));
  }

  @Test
  void aSignedBodyThatIsNotJsonOrNotReadableIsADeadLetterAnswered200() {
    for (String body : List.of("{not json", "[1,2]", "")) {
      ResponseEntity<?> answer = webhooks.receive("acme", hook, "good", bytes(body));

      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).isEqualTo(Map.of("stored", "dead-letter"));
      verify(reports).deadLetter("acme", body, "not a JSON object");
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void noBodyReadsAsEmpty() {
    webhooks.receive("acme", hook, "good", null);

    verify(reports).deadLetter("acme", "", "not a JSON object");
    verify(reports, never()).receive(anyString(), any(), anyString());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
