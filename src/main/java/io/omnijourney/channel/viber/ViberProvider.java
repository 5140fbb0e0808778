package io.omnijourney.channel.viber;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.ProviderSettings;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Viber through its chat bot API ({@code POST /pa/send_message}). The customer's address is their
 * Viber user id for our bot (the profile's {@code viberId}), not a phone number.
 *
 * <p>Viber answers HTTP 200 whatever happened; the body's {@code status} says what: 0 is success,
 * with the {@code message_token} that later {@code delivered}, {@code seen} and {@code failed}
 * callbacks name. The other codes map into our four classes: a receiver that is not on Viber or
 * not subscribed to the bot is permanent and unreachable; rate control (12) is transient; a bad
 * token, a blocked, suspended or unknown bot, a missing webhook, or a request Viber finds malformed
 * is our configuration.
 */
@Component
public class ViberProvider extends IdentifiedProvider {

  public static final String NAME = "viber";
  static final String AUTH_HEADER = "X-Viber-Auth-Token";
  /**
   * Viber's rate control (status 12) names no wait. Its documented limit is per user: 100 messages
   * an hour without a reply.
   */
  static final Duration TOO_MANY_REQUESTS_WAIT = Duration.ofMinutes(1);

  private final ViberSettings settings;
  private final RestClient http;
  private final ObjectMapper json;

  /** The sender is the bot: Viber's limits count per bot. */
  public ViberProvider(ViberSettings settings, RestClient.Builder http, ObjectMapper json) {
    super(ProviderIdentity.of(NAME, Channel.VIBER).sendingAs(settings.senderName())
        .missingToSend(ProviderSettings.missing()
            .unless(settings.authToken(), "VIBER_AUTH_TOKEN")
            .unless(settings.senderName(), "VIBER_SENDER_NAME")));
    this.settings = settings;
    this.http = ProviderHttp.client(http, settings.baseUrl());
    this.json = json;
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receiver", message.recipient());
    body.put("type", "text");
    body.put("text", message.text());
    body.put("sender", Map.of("name", settings.senderName()));
    byte[] payload = json(body);
    return ProviderHttp.send(NAME, () -> http.post()
        .uri("/pa/send_message")
        .header(AUTH_HEADER, settings.authToken())
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .body(payload)
        .exchange((request, response) ->
            outcome(response.getStatusCode(), response.getHeaders(), ProviderHttp.json(response.getBody().readAllBytes()))));
  }

  private SendOutcome outcome(HttpStatusCode httpStatus, HttpHeaders headers, JsonNode body) {
    if (!httpStatus.is2xxSuccessful()) {
      return ProviderHttp.byStatus(httpStatus, headers, String.valueOf(httpStatus.value()),
          "Viber answered HTTP " + httpStatus.value());
    }
    if (!body.path("status").canConvertToInt()) {
      // HTTP 200 without a readable status: Viber may have taken the message.
      throw new ProviderHttp.NoAnswer("viber answered without a readable status");
    }
    int status = body.path("status").asInt();
    if (status == 0) {
      String token = messageToken(body.path("message_token"));
      if (token == null) {
        throw new ProviderHttp.NoAnswer("viber accepted the message without a message token");
      }
      return new SendOutcome.Accepted(token);
    }
    return refusal(status, statusName(body), headers);
  }

  /** As bytes, so the request has a length and is not sent in chunks. */
  private byte[] json(Map<String, Object> body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a text message could not be written as JSON", e);
    }
  }

  /** Viber's status codes (its "common errors") in our four classes. */
  static SendOutcome refusal(int status, String name, HttpHeaders headers) {
    String code = String.valueOf(status);
    String named = name.isEmpty() ? "" : " (" + name + ")";
    return switch (status) {
      case 5 -> new SendOutcome.Permanent(code, "the receiver is not registered to Viber" + named, Block.UNREACHABLE);
      // The documentation says only "not subscribed": the customer never subscribed or has left
      // the bot. Either way the bot cannot reach them until they subscribe again.
      case 6 -> new SendOutcome.Permanent(code, "the receiver is not subscribed to the bot" + named, Block.UNREACHABLE);
      // The customer's device or Viber version cannot show bot messages; a newer one could.
      case 11 -> new SendOutcome.Permanent(code,
          "the receiver's device or Viber version does not support bots" + named);
      case 13 -> new SendOutcome.Permanent(code, "the receiver's Viber version is too old for this message" + named);
      case 12 -> new SendOutcome.Transient(code, "Viber rate control" + named,
          requireNonNullElse(ProviderHttp.retryAfter(headers), TOO_MANY_REQUESTS_WAIT));
      case 2 -> new SendOutcome.Misconfigured(code, "Viber refused the auth token (VIBER_AUTH_TOKEN)" + named);
      case 7, 8, 9, 15 -> new SendOutcome.Misconfigured(code,
          "the Viber bot is blocked, suspended, unknown or not authorized" + named);
      // Viber sends nothing for a bot without a webhook.
      case 10 -> new SendOutcome.Misconfigured(code,
          "no webhook is set for the Viber bot (set_webhook to /webhooks/viber)" + named);
      case 3, 4, 14 -> new SendOutcome.Misconfigured(code, "Viber refused our request as malformed" + named);
      default -> new SendOutcome.Misconfigured(code, "Viber answered status " + status + named);
    };
  }

  /** Viber sends message tokens as (64-bit) JSON numbers; read them exactly, never through a double. */
  static String messageToken(JsonNode token) {
    if (token.isIntegralNumber()) {
      return token.bigIntegerValue().toString();
    }
    String text = token.isTextual() ? token.asText().strip() : "";
    return text.isEmpty() ? null : text;
  }

  /** Viber's {@code status_message}, if it is one of its plain status names (it never carries user data). */
  private static String statusName(JsonNode body) {
    String name = body.path("status_message").asText("");
    return name.matches("[A-Za-z ]{1,64}") ? name : "";
  }

}
