package io.omnijourney.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnijourney.channel.Mask;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The Cloud API's error answers in the four classes of docs/providers.md. Graph errors look like
 * {@code {"error": {"message": "(#131026) Message Undeliverable", "type": "OAuthException",
 * "code": 131026, "error_subcode": ..., "error_data": {"messaging_product": "whatsapp", "details": "..."},
 * "fbtrace_id": "..."}}}. Meta asks clients to decide on {@code code} (titles will go, subcodes are
 * deprecated, HTTP statuses vary), so the code decides here; an unknown code falls back to the HTTP
 * status.
 */
final class WhatsAppErrors {

  /** Meta: "(Business Account, Consumer Account) pair rate limit hit", about one message per 6 s to one user. */
  static final Duration PAIR_RATE_WAIT = Duration.ofSeconds(6);
  /** Meta: after 131049 ("healthy ecosystem engagement") wait at least 24 hours before sending again. */
  static final Duration ECOSYSTEM_WAIT = Duration.ofHours(24);
  /** 130429: our number's throughput (80 messages/s by default) is used up for now. */
  static final Duration THROUGHPUT_WAIT = Duration.ofSeconds(1);

  private WhatsAppErrors() {}

  /**
   * What a failed status's first error (webhook {@code statuses[].errors[]}) says about the
   * customer's number: the same as that code would at send time, e.g. 131026 unreachable.
   */
  static Block blockOf(JsonNode errors) {
    JsonNode first = errors.path(0);
    if (!first.path("code").canConvertToInt()) {
      return Block.NONE;
    }
    ObjectNode asAnswer = JsonNodeFactory.instance.objectNode();
    asAnswer.set("error", first);
    return classify(HttpStatus.BAD_REQUEST, new HttpHeaders(), asAnswer) instanceof SendOutcome.Permanent refusal
        ? refusal.block() : Block.NONE;
  }

  static SendOutcome classify(HttpStatusCode status, HttpHeaders headers, JsonNode body) {
    JsonNode error = body == null ? null : body.get("error");
    if (error == null || !error.isObject() || !error.path("code").canConvertToInt()) {
      return ProviderHttp.byStatus(status, headers, String.valueOf(status.value()),
          "WhatsApp answered HTTP " + status.value() + " without a Graph error");
    }
    int code = error.path("code").asInt();
    String id = String.valueOf(code);
    String reason = describe(error);
    Duration retryAfter = ProviderHttp.retryAfter(headers);
    return switch (code) {
      // The number is not on WhatsApp, or cannot take messages: no later send to it will work.
      case 131026 -> new SendOutcome.Permanent(id, reason, Block.UNREACHABLE);
      // More than 24 h since the customer last wrote: only a template may open the conversation.
      // Another channel can still reach the customer, and a later message inside a window could too.
      case 131047 -> new SendOutcome.Permanent(id, "outside the 24-hour customer service window; a template"
          + " message is needed: " + reason, Block.NONE);
      // Our account: locked (131031), blocked for a policy violation (368), token expired or
      // invalid (190, 0), permission missing (3, 10, 200-299). An operator must act.
      case 131031, 368, 190, 0, 3, 10 -> new SendOutcome.Misconfigured(id, reason);
      case 130429 -> new SendOutcome.Transient(id, reason, atLeast(retryAfter, THROUGHPUT_WAIT));
      case 131056 -> new SendOutcome.Transient(id, reason, atLeast(retryAfter, PAIR_RATE_WAIT));
      case 131049 -> new SendOutcome.Transient(id, reason, atLeast(retryAfter, ECOSYSTEM_WAIT));
      // App or account call rate limits, and Meta's own "unknown", "service" and "unavailable" errors.
      case 4, 80007, 1, 2, 131000, 131016 -> new SendOutcome.Transient(id, reason, retryAfter);
      default -> code >= 200 && code <= 299
          ? new SendOutcome.Misconfigured(id, reason)
          : ProviderHttp.byStatus(status, headers, id, reason);
    };
  }

  private static Duration atLeast(Duration given, Duration floor) {
    return given == null || given.compareTo(floor) < 0 ? floor : given;
  }

  /**
   * The message (code and title), the details, and the trace id Meta's support asks for. Long digit
   * runs in the message and the details are masked: they may quote a phone number.
   */
  private static String describe(JsonNode error) {
    StringBuilder reason = new StringBuilder(Mask.numbersIn(error.path("message").asText("Graph error")));
    String details = error.path("error_data").path("details").asText("");
    if (!details.isBlank()) {
      reason.append(": ").append(Mask.numbersIn(details));
    }
    if (error.hasNonNull("error_subcode")) {
      reason.append(" (subcode ").append(error.path("error_subcode").asText()).append(")");
    }
    if (error.hasNonNull("fbtrace_id")) {
      reason.append(" [fbtrace_id ").append(error.path("fbtrace_id").asText()).append("]");
    }
    return reason.length() > 500 ? reason.substring(0, 500) : reason.toString();
  }
}
