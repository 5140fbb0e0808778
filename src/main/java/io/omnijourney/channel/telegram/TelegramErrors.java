package io.omnijourney.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Mask;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * The Bot API's refusals in the four classes of docs/providers.md. Telegram answers
 * {@code {"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}};
 * it has no finer codes, so the description tells one 403 from another.
 * <ul>
 *   <li>403 "bot was blocked by the user": the customer opted out ({@link Block#OPTED_OUT});
 *   <li>403 "user is deactivated", 403 "bot can't initiate conversation with a user" and 400 "chat not
 *       found": the chat cannot be reached ({@link Block#UNREACHABLE}); any other 403 is about this chat
 *       too (a valid token never gets one otherwise), so it is permanent without a block;
 *   <li>429 with {@code parameters.retry_after} seconds: transient, not before that wait;
 *   <li>401 Unauthorized and 404 Not Found: the bot token is wrong, which an operator must fix;
 *   <li>5xx transient, any other 4xx our request (e.g. a text over 4,096 characters): misconfigured.
 * </ul>
 */
final class TelegramErrors {

  private TelegramErrors() {}

  static SendOutcome classify(HttpStatusCode status, HttpHeaders headers, JsonNode body) {
    int code = body != null && body.path("error_code").canConvertToInt() ? body.path("error_code").asInt() : status.value();
    String description = body == null ? "" : body.path("description").asText("");
    String lower = description.toLowerCase(Locale.ROOT);
    String reason = description.isBlank() ? "HTTP " + status.value() : clip(Mask.numbersIn(description));
    if (code == 429) {
      return new SendOutcome.Transient("429", reason, retryAfter(body, headers));
    }
    if (code == 403) {
      if (lower.contains("bot was blocked by the user")) {
        return new SendOutcome.Permanent("403-blocked", reason, Block.OPTED_OUT);
      }
      if (lower.contains("user is deactivated")) {
        return new SendOutcome.Permanent("403-deactivated", reason, Block.UNREACHABLE);
      }
      if (lower.contains("can't initiate conversation")) {
        return new SendOutcome.Permanent("403-not-started", reason, Block.UNREACHABLE);
      }
      return new SendOutcome.Permanent("403", reason, Block.NONE);
    }
    if (code == 400 && lower.contains("chat not found")) {
      return new SendOutcome.Permanent("400-chat-not-found", reason, Block.UNREACHABLE);
    }
    if (code == 401 || code == 404) {
      return new SendOutcome.Misconfigured(String.valueOf(code), "Telegram refused the bot token (" + reason + ")");
    }
    return ProviderHttp.byStatus(status, headers, String.valueOf(code), reason);
  }

  /** {@code parameters.retry_after} in seconds; the {@code Retry-After} header if the body has none. */
  private static Duration retryAfter(JsonNode body, HttpHeaders headers) {
    JsonNode seconds = body == null ? null : body.path("parameters").get("retry_after");
    if (seconds != null && seconds.canConvertToLong()) {
      return Duration.ofSeconds(Math.max(0, seconds.asLong()));
    }
    return ProviderHttp.retryAfter(headers);
  }

  /** Descriptions are short; a long one (an entity parse error) may quote the text, so it is cut. */
  private static String clip(String description) {
    return description.length() > 200 ? description.substring(0, 200) + "…" : description;
  }
}
