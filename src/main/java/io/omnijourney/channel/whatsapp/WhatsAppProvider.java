package io.omnijourney.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.ProviderSettings;
import io.omnijourney.channel.SendOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends WhatsApp text messages through Meta's Cloud API:
 * {@code POST /{version}/{phone-number-id}/messages} with a bearer token. The answer's
 * {@code messages[0].id} (a {@code wamid.…}) is what the status webhook ({@link WhatsAppWebhook})
 * reports on later: sent, delivered, read or failed, in any order.
 *
 * <p>Our delivery id goes along as {@code biz_opaque_callback_data}, which Meta echoes in the status
 * webhooks. The API cannot be asked for a message by it, so a lost answer is not looked up: the
 * delivery is marked uncertain rather than sent twice.
 *
 * <p>A text message is only delivered inside the 24-hour window after the customer last wrote to
 * us; outside it Meta refuses it with 131047 and the journey falls back (templates are not sent
 * yet). Errors map as {@link WhatsAppErrors} says.
 */
@Component
public class WhatsAppProvider extends IdentifiedProvider {

  public static final String NAME = "whatsapp";

  private final WhatsAppSettings settings;
  private final RestClient http;

  /**
   * Throughput is counted per business phone number, the sender. A send needs the access token and
   * that number; the app secret and verify token only matter for webhooks.
   */
  public WhatsAppProvider(WhatsAppSettings settings, RestClient.Builder builder) {
    super(ProviderIdentity.of(NAME, Channel.WHATSAPP).sendingAs(settings.phoneNumberId())
        .missingToSend(ProviderSettings.missing()
            .unless(settings.accessToken(), "WHATSAPP_ACCESS_TOKEN")
            .unless(settings.phoneNumberId(), "WHATSAPP_PHONE_NUMBER_ID"))
        .missingForWebhooks(ProviderSettings.missing()
            .unless(settings.appSecret(), "WHATSAPP_APP_SECRET")
            .unless(settings.verifyToken(), "WHATSAPP_VERIFY_TOKEN")));
    this.settings = settings;
    this.http = ProviderHttp.client(builder, settings.baseUrl());
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    Map<String, Object> body = request(message);
    return ProviderHttp.send(NAME, () -> http.post()
        .uri("/{version}/{phoneNumberId}/messages", settings.apiVersion(), settings.phoneNumberId())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange((request, response) -> {
          JsonNode answer = ProviderHttp.json(response.getBody().readAllBytes());
          if (response.getStatusCode().is2xxSuccessful()) {
            return accepted(answer);
          }
          return WhatsAppErrors.classify(response.getStatusCode(), response.getHeaders(), answer);
        }));
  }

  private static Map<String, Object> request(OutboundMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", message.recipient());
    body.put("type", "text");
    body.put("text", Map.of("body", message.text()));
    body.put("biz_opaque_callback_data", message.reference());
    return body;
  }

  private static SendOutcome accepted(JsonNode answer) {
    String id = answer == null ? "" : answer.path("messages").path(0).path("id").asText("");
    if (id.isBlank()) {
      // It answered success, so the message may well be on its way: the outcome is unknown.
      throw new ProviderHttp.NoAnswer("whatsapp answered success without a message id");
    }
    return new SendOutcome.Accepted(id);
  }
}
