package io.omnijourney.channel.kavenegar;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.ProviderSettings;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * SMS through Kavenegar (Iran), over its REST API.
 *
 * <p>Kavenegar answers every call with {@code {"return":{"status":..,"message":..},"entries":..}};
 * {@code return.status} 200 is success and any other value is an error code, usually sent with the
 * same HTTP status. Those codes map into our four classes: a bad receptor is permanent and marks
 * the number unreachable; a refused message is permanent for this message only; our sender line,
 * the key, the account's credit or its IP settings are configuration; "busy" and "too many calls"
 * are transient.
 *
 * <p>The API key is part of every URL path. It is passed as a URI template variable, so metrics
 * and our messages only ever see the template, and no I/O failure is rethrown with the URL in it.
 * Our delivery id goes out as {@code localid}, so a send whose answer was lost can be looked up.
 */
@Component
public class KavenegarProvider extends IdentifiedProvider {

  public static final String NAME = "kavenegar";
  /** Kavenegar's "busy" (409) and "too many calls" (451) name no wait; these are ours. */
  static final Duration BUSY_WAIT = Duration.ofSeconds(30);
  static final Duration TOO_MANY_CALLS_WAIT = Duration.ofMinutes(1);
  /** The status of a message id Kavenegar does not know, or no longer keeps (after 48 h). */
  static final int UNKNOWN_MESSAGE = 100;

  private static final String SEND = "/v1/{apiKey}/sms/send.json";
  private static final String STATUS = "/v1/{apiKey}/sms/status.json?messageid={ids}";
  private static final String STATUS_BY_LOCAL_ID = "/v1/{apiKey}/sms/statuslocalmessageid.json?localid={localid}";

  private final KavenegarSettings settings;
  private final RestClient http;

  public KavenegarProvider(KavenegarSettings settings, RestClient.Builder http) {
    super(ProviderIdentity.of(NAME, Channel.SMS).sendingAs(settings.sender())
        .missingToSend(ProviderSettings.missing().unless(settings.apiKey(), "KAVENEGAR_API_KEY")));
    this.settings = settings;
    this.http = ProviderHttp.client(http, settings.baseUrl());
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("receptor", receptor(message.recipient()));
    form.add("message", message.text());
    if (settings.hasSender()) {
      form.add("sender", settings.sender());
    }
    form.add("localid", message.reference());
    return ProviderHttp.send(NAME, () -> http.post()
        .uri(SEND, settings.apiKey())
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .accept(MediaType.APPLICATION_JSON)
        .body(form)
        .exchange((request, response) -> sent(read(response))));
  }

  /**
   * Asks Kavenegar for the message sent with our reference as {@code localid}. Any answer other
   * than a clear "found" or "not found" is an exception: sending again on a guess could send twice.
   */
  @Override
  public Lookup lookup(String reference) {
    if (!settings.configured()) {
      throw new IllegalStateException(
          "Kavenegar is not configured (KAVENEGAR_API_KEY); a lost answer cannot be looked up");
    }
    Answer answer = ProviderHttp.call(NAME, "look-up by our reference",
        () -> http.get().uri(STATUS_BY_LOCAL_ID, settings.apiKey(), reference).accept(MediaType.APPLICATION_JSON)
            .exchange((request, response) -> read(response)));
    if (!answer.ok()) {
      throw new IllegalStateException("Kavenegar answered " + answer.status() + " to a look-up by our reference");
    }
    JsonNode entry = answer.entries().stream().findFirst().orElse(null);
    String messageId = entry == null ? null : messageId(entry);
    if (messageId == null || entry.path("status").asInt(UNKNOWN_MESSAGE) == UNKNOWN_MESSAGE) {
      return Lookup.NOT_FOUND;
    }
    return Lookup.found(messageId);
  }

  /** The current status of each message, at most 500 ids a call (Kavenegar's limit). */
  List<MessageStatus> statuses(List<String> messageIds) {
    if (!settings.configured()) {
      throw new IllegalStateException("Kavenegar is not configured (KAVENEGAR_API_KEY)");
    }
    Answer answer = ProviderHttp.call(NAME, "status query",
        () -> http.get().uri(STATUS, settings.apiKey(), String.join(",", messageIds)).accept(MediaType.APPLICATION_JSON)
            .exchange((request, response) -> read(response)));
    if (!answer.ok()) {
      throw new IllegalStateException("Kavenegar answered " + answer.status() + " to a status query");
    }
    List<MessageStatus> statuses = new ArrayList<>();
    for (JsonNode entry : answer.entries()) {
      String messageId = messageId(entry);
      if (messageId != null && entry.path("status").canConvertToInt()) {
        statuses.add(new MessageStatus(messageId, entry.path("status").asInt(), entry.toString()));
      }
    }
    return statuses;
  }

  /** One entry of {@code sms/status.json}; {@code payload} is the entry as Kavenegar sent it. */
  record MessageStatus(String messageId, int status, String payload) {}

  private SendOutcome sent(Answer answer) {
    if (!answer.ok()) {
      return refusal(answer.status(), answer.headers());
    }
    String messageId = answer.entries().stream().findFirst().map(KavenegarProvider::messageId).orElse(null);
    if (messageId == null) {
      // Kavenegar took something but did not say what: treat it as a lost answer, never send again blindly.
      throw new ProviderHttp.NoAnswer("kavenegar accepted the request without a message id");
    }
    return new SendOutcome.Accepted(messageId);
  }

  /** Kavenegar's error codes ({@code return.status}) in our four classes. */
  static SendOutcome refusal(int code, HttpHeaders headers) {
    String c = String.valueOf(code);
    return switch (code) {
      case 411 -> new SendOutcome.Permanent(c, "Kavenegar refused the receptor: not a valid mobile number",
          Block.UNREACHABLE);
      case 413 -> new SendOutcome.Permanent(c, "Kavenegar refused the message: empty or too long");
      case 422 -> new SendOutcome.Permanent(c, "Kavenegar refused characters in the message");
      case 412 -> new SendOutcome.Misconfigured(c, "Kavenegar refused our sender line (KAVENEGAR_SENDER)");
      case 418 -> new SendOutcome.Misconfigured(c, "the Kavenegar account has no credit left");
      case 401 -> new SendOutcome.Misconfigured(c, "the Kavenegar account is disabled");
      case 403 -> new SendOutcome.Misconfigured(c, "Kavenegar refused the API key (KAVENEGAR_API_KEY)");
      case 407, 416 -> new SendOutcome.Misconfigured(c,
          "Kavenegar refused this server's IP address (the account's IP settings)");
      case 420, 426, 427, 501 -> new SendOutcome.Misconfigured(c,
          "the Kavenegar account or line is not allowed to send this (links, service level or test-only account)");
      case 409 -> new SendOutcome.Transient(c, "Kavenegar is busy",
          requireNonNullElse(ProviderHttp.retryAfter(headers), BUSY_WAIT));
      case 451 -> new SendOutcome.Transient(c, "too many calls to Kavenegar",
          requireNonNullElse(ProviderHttp.retryAfter(headers), TOO_MANY_CALLS_WAIT));
      case 402 -> new SendOutcome.Transient(c, "Kavenegar reports the operation failed",
          ProviderHttp.retryAfter(headers));
      default -> code >= 100 && code <= 999
          ? ProviderHttp.byStatus(HttpStatusCode.valueOf(code), headers, c, "Kavenegar answered " + code)
          : new SendOutcome.Misconfigured(c, "Kavenegar answered an unknown status " + code);
    };
  }

  /**
   * Kavenegar's documented receptor forms are domestic ({@code 0912...}) for Iranian numbers and
   * {@code 00}-prefixed for others; our profile keeps E.164.
   */
  static String receptor(String e164) {
    String number = e164.strip();
    if (number.startsWith("+98")) {
      return "0" + number.substring(3);
    }
    return number.startsWith("+") ? "00" + number.substring(1) : number;
  }

  /** Kavenegar sends message ids as JSON numbers; 0 or nothing means there is none. */
  private static String messageId(JsonNode entry) {
    JsonNode id = entry.path("messageid");
    if (id.isIntegralNumber()) {
      return id.bigIntegerValue().signum() > 0 ? id.bigIntegerValue().toString() : null;
    }
    String text = id.isTextual() ? id.asText().strip() : "";
    return text.isEmpty() || text.equals("0") ? null : text;
  }

  private Answer read(ClientHttpResponse response) throws IOException {
    return new Answer(response.getStatusCode(), response.getHeaders(), ProviderHttp.json(response.getBody().readAllBytes()));
  }

  /** One answer of the API. */
  private record Answer(HttpStatusCode http, HttpHeaders headers, JsonNode body) {

    /** {@code return.status}, or the HTTP status when the body has none. */
    int status() {
      JsonNode status = body.path("return").path("status");
      return status != null && status.canConvertToInt() ? status.asInt() : http.value();
    }

    boolean ok() {
      return http.is2xxSuccessful() && status() == 200;
    }

    /** {@code entries} as a list; Kavenegar sends an array, or a single object on some methods. */
    List<JsonNode> entries() {
      JsonNode entries = body.path("entries");
      List<JsonNode> list = new ArrayList<>();
      if (entries != null && entries.isArray()) {
        entries.forEach(list::add);
      } else if (entries != null && entries.isObject()) {
        list.add(entries);
      }
      return list;
    }
  }
}
