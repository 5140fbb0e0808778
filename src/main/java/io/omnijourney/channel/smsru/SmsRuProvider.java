package io.omnijourney.channel.smsru;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.ProviderSettings;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.time.Duration;
import java.util.Iterator;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * SMS through SMS.ru: {@code POST /sms/send} with {@code api_id}, {@code to}, {@code msg} and
 * {@code json=1}. SMS.ru answers HTTP 200 whatever happened: the top-level {@code status_code}
 * says whether the request was taken (100) or what is wrong with the account, and
 * {@code sms.<phone>.status_code} whether this number's message was (100, with its {@code sms_id}).
 *
 * <p>The codes map into the four classes of docs/providers.md (see {@link #byCode}). SMS.ru takes no
 * client reference, so a lost answer cannot be looked up: such a delivery is marked uncertain.
 */
@Component
public class SmsRuProvider extends IdentifiedProvider {

  public static final String NAME = "smsru";

  /**
   * SMS.ru's limit of identical messages to a number counts per minute. The daily limits last until
   * the day turns; an hourly retry finds that moment without a job hammering SMS.ru meanwhile.
   */
  static final Duration PER_MINUTE_LIMIT_WAIT = Duration.ofMinutes(1);
  static final Duration DAILY_LIMIT_WAIT = Duration.ofHours(1);

  private static final int ACCEPTED = 100;

  private final SmsRuSettings settings;
  private final RestClient http;

  public SmsRuProvider(RestClient.Builder builder, SmsRuSettings settings) {
    super(ProviderIdentity.of(NAME, Channel.SMS).sendingAs(settings.from())
        .missingToSend(ProviderSettings.missing().unless(settings.apiId(), "SMSRU_API_ID")));
    this.settings = settings;
    this.http = ProviderHttp.client(builder, settings.baseUrl());
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    // SMS.ru wants the number as digits and keys its answer by that form.
    String to = message.recipient().replaceAll("[^0-9]", "");
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("api_id", settings.apiId());
    form.add("to", to);
    form.add("msg", message.text());
    form.add("json", "1");
    if (settings.from() != null) {
      form.add("from", settings.from());
    }
    return ProviderHttp.send(NAME, () -> http.post()
        .uri("/sms/send")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .accept(MediaType.APPLICATION_JSON)
        .body(form)
        .exchange((request, response) -> {
          byte[] body = response.getBody().readAllBytes();
          if (!response.getStatusCode().is2xxSuccessful()) {
            return ProviderHttp.byStatus(response.getStatusCode(), response.getHeaders(),
                "http-" + response.getStatusCode().value(), "SMS.ru answered HTTP " + response.getStatusCode().value());
          }
          return outcome(ProviderHttp.json(body), to);
        }));
  }

  static SendOutcome outcome(JsonNode answer, String to) {
    int requestCode = answer.path("status_code").asInt(0);
    if (requestCode != ACCEPTED) {
      return byCode(requestCode);
    }
    JsonNode result = forNumber(answer.path("sms"), to);
    int code = result.path("status_code").asInt(0);
    if (code != ACCEPTED) {
      return byCode(code);
    }
    String smsId = result.path("sms_id").asText("");
    if (smsId.isBlank()) {
      // Taken, but no id to follow it by: the message may go out. Unknown, not failed.
      throw new ProviderHttp.NoAnswer("smsru accepted the message without an sms_id");
    }
    return new SendOutcome.Accepted(smsId);
  }

  /** The result for our number; SMS.ru keys it by the number as it read it, so take the only one if the key differs. */
  private static JsonNode forNumber(JsonNode results, String to) {
    if (results.has(to)) {
      return results.get(to);
    }
    Iterator<JsonNode> all = results.elements();
    JsonNode only = all.hasNext() ? all.next() : null;
    return only != null && !all.hasNext() ? only : MissingNode.getInstance();
  }

  /**
   * SMS.ru's error codes (its API's "codes" page). Reasons are ours: SMS.ru's texts are Russian and
   * may change, and an operator reads ours in Cockpit.
   */
  static SendOutcome byCode(int code) {
    String id = String.valueOf(code);
    return switch (code) {
      case 202 -> new SendOutcome.Permanent(id, "the recipient's number is invalid", Block.UNREACHABLE);
      case 207 -> new SendOutcome.Permanent(id, "SMS.ru has no route to this number", Block.UNREACHABLE);
      case 209 -> new SendOutcome.Permanent(id, "the number is on our own SMS.ru stop list", Block.OPTED_OUT);
      // SMS.ru's own list of people who reported spam: final for SMS.ru, but says nothing about
      // another SMS provider, so the profile is not blocked.
      case 215 -> new SendOutcome.Permanent(id, "the number is on SMS.ru's spam stop list");
      case 205 -> new SendOutcome.Permanent(id, "the message is longer than 8 SMS parts");
      case 214 -> new SendOutcome.Permanent(id, "the number is abroad and the account sends to Russia only");
      case 220, 500 -> new SendOutcome.Transient(id, "SMS.ru is temporarily unavailable", null);
      case 231 -> new SendOutcome.Transient(id, "SMS.ru's limit of identical messages to this number per minute",
          PER_MINUTE_LIMIT_WAIT);
      case 206 -> new SendOutcome.Transient(id, "the account's daily sending limit is reached", DAILY_LIMIT_WAIT);
      case 230 -> new SendOutcome.Transient(id, "SMS.ru's daily limit of messages to this number is reached",
          DAILY_LIMIT_WAIT);
      case 232 -> new SendOutcome.Transient(id, "SMS.ru's daily limit of identical messages to this number is reached",
          DAILY_LIMIT_WAIT);
      case 200 -> new SendOutcome.Misconfigured(id, "SMS.ru does not know our api_id");
      case 201 -> new SendOutcome.Misconfigured(id, "the SMS.ru account is out of money");
      case 300, 301 -> new SendOutcome.Misconfigured(id, "SMS.ru refused our credentials");
      case 302 -> new SendOutcome.Misconfigured(id, "the SMS.ru account is not confirmed");
      case 204 -> new SendOutcome.Misconfigured(id, "the sender name is not approved for this operator");
      case 216 -> new SendOutcome.Misconfigured(id, "the message text contains a word SMS.ru forbids");
      case 0 -> new SendOutcome.Misconfigured("unreadable", "SMS.ru's answer has no status code");
      default -> new SendOutcome.Misconfigured(id, "SMS.ru refused the request (code " + code + ")");
    };
  }
}
