package io.omnijourney.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.omnijourney.channel.Signatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every webhook that receives JSON does, once: check the raw body by the provider's own recipe
 * before anything is read (a missing or wrong signature gets {@link Signatures#refuse 401} and
 * nothing is stored), parse it, and hand it to the provider's own mapping, which stores reports in
 * the ledger or customers' messages in the inbox. A signed body that is not what the provider sends
 * is kept as a dead letter for operators and answered 2xx, so the provider stops retrying it.
 * Jackson's messages quote the body, which holds personal data: they are never passed on.
 */
@Component
public class JsonWebhooks {

  /** One provider's JSON webhook: its signature recipe and its mapping. */
  public interface Hook {

    /** Why the request is refused by the provider's recipe, or empty when it checks out. */
    Optional<String> refusal(byte[] raw, String signature);

    /** Whether a parsed body is one the provider sends; an empty body is a {@link MissingNode}. */
    default boolean readable(JsonNode body) {
      return body.isObject();
    }

    /** The reason a dead letter gets when the body is not JSON or not {@link #readable}. */
    String unreadable();

    /** The answer to a body kept as a dead letter. */
    default ResponseEntity<?> deadLettered() {
      return ResponseEntity.ok(Map.of("stored", "dead-letter"));
    }

    /**
     * Stores what a readable body says and answers the provider.
     *
     * @param payload the raw body as text, to keep with what is stored
     */
    ResponseEntity<?> handle(JsonNode body, String payload);
  }

  private final ObjectMapper json;
  private final DeliveryReports reports;

  public JsonWebhooks(ObjectMapper json, DeliveryReports reports) {
    this.json = json;
    this.reports = reports;
  }

  /**
   * One request to {@code provider}'s webhook, with the header that signs it.
   *
   * @param provider the provider's name, which dead letters are filed under
   */
  public ResponseEntity<?> receive(String provider, Hook hook, String signature, byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    Optional<String> refusal = hook.refusal(raw, signature);
    if (refusal.isPresent()) {
      return Signatures.refuse(refusal.get());
    }
    String payload = new String(raw, StandardCharsets.UTF_8);
    JsonNode parsed = parse(raw);
    if (parsed == null || !hook.readable(parsed)) {
      reports.deadLetter(provider, payload, hook.unreadable());
      return hook.deadLettered();
    }
    return hook.handle(parsed, payload);
  }

  /** The body as JSON (an empty one a {@link MissingNode}), or null when it is not JSON. */
  private JsonNode parse(byte[] raw) {
    try {
      JsonNode node = json.readTree(raw);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException notJson) {
      return null;
    }
  }
}
