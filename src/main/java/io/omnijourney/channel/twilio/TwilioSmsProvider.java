package io.omnijourney.channel.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * SMS through Twilio Programmable Messaging: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}
 * with HTTP Basic, one message per call. Twilio's {@code sid} is the provider message id, and every
 * message names our {@code /webhooks/twilio} as its {@code StatusCallback}.
 *
 * <p>Twilio's error JSON ({@code code}, {@code message}, {@code more_info}, {@code status}) maps into
 * the four classes of docs/providers.md by its code first, then by HTTP status. Twilio's own message
 * text quotes the phone number, so it never reaches our ledger or logs: the reason is ours.
 *
 * <p>Twilio takes no client reference on a message, so a lost answer cannot be looked up
 * ({@link #lookup} stays unsupported) and such a delivery is marked uncertain.
 */
@Component
public class TwilioSmsProvider extends IdentifiedProvider {

  public static final String NAME = "twilio";

  private final TwilioSettings settings;
  private final RestClient http;

  public TwilioSmsProvider(RestClient.Builder builder, TwilioSettings settings) {
    super(ProviderIdentity.of(NAME, Channel.SMS).sendingAs(settings.sender()).missingToSend(settings.missing()));
    this.settings = settings;
    this.http = ProviderHttp.client(builder, settings.baseUrl());
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("To", message.recipient());
    if (settings.messagingServiceSid() != null) {
      form.add("MessagingServiceSid", settings.messagingServiceSid());
    } else {
      form.add("From", settings.from());
    }
    form.add("Body", message.text());
    form.add("StatusCallback", settings.statusCallbackUrl());
    return ProviderHttp.send(NAME, () -> http.post()
        .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", settings.accountSid())
        .headers(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken()))
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .accept(MediaType.APPLICATION_JSON)
        .body(form)
        .exchange((request, response) -> outcome(response.getStatusCode(), response.getHeaders(),
            ProviderHttp.json(response.getBody().readAllBytes()))));
  }

  static SendOutcome outcome(HttpStatusCode status, HttpHeaders headers, JsonNode body) {
    if (status.is2xxSuccessful()) {
      String sid = body.path("sid").asText("");
      if (sid.isBlank()) {
        // Twilio answered yes without naming the message: it may well send it. Unknown, not failed.
        throw new ProviderHttp.NoAnswer("twilio answered " + status.value() + " without a message sid");
      }
      return new SendOutcome.Accepted(sid);
    }
    return refusal(status, headers, body.path("code").asInt(0), body.path("more_info").asText(""));
  }

  /**
   * Twilio's error codes (https://www.twilio.com/docs/api/errors). Codes that are not ours to
   * decide fall back to the HTTP status: 429 and 5xx transient, any other 4xx a configuration
   * problem (a wrong sender, a region not enabled, a malformed request).
   */
  static SendOutcome refusal(HttpStatusCode status, HttpHeaders headers, int code, String moreInfo) {
    String id = code == 0 ? "http-" + status.value() : String.valueOf(code);
    String more = moreInfo.isBlank() ? "" : " (" + moreInfo + ")";
    return switch (code) {
      case 21610 -> new SendOutcome.Permanent(id, "the recipient unsubscribed (replied STOP)" + more, Block.OPTED_OUT);
      case 21211 -> new SendOutcome.Permanent(id, "the 'To' number is not a valid phone number" + more, Block.UNREACHABLE);
      case 21614 -> new SendOutcome.Permanent(id, "the 'To' number cannot receive SMS" + more, Block.UNREACHABLE);
      case 30006 -> new SendOutcome.Permanent(id, "the 'To' number is a landline or unreachable carrier" + more,
          Block.UNREACHABLE);
      case 30005 -> new SendOutcome.Permanent(id, "the 'To' number is unknown to its carrier" + more, Block.UNREACHABLE);
      // The handset is off or out of coverage now; another message later may reach it.
      case 30003 -> new SendOutcome.Permanent(id, "the 'To' handset is unreachable" + more);
      case 20003 -> new SendOutcome.Misconfigured(id, "Twilio refused our credentials (account SID or auth token)" + more);
      case 20429 -> new SendOutcome.Transient(id, "Twilio is rate limiting our account" + more,
          ProviderHttp.retryAfter(headers));
      default -> ProviderHttp.byStatus(status, headers, id, "Twilio answered HTTP " + status.value() + more);
    };
  }
}
