package io.omnijourney.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.delivery.JsonWebhooks;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.Identities;
import io.omnijourney.inbox.CustomerMessages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/telegram}: the bot's updates, i.e. what customers write to it. Telegram
 * sends no delivery receipts, so nothing here touches the ledger.
 *
 * <p>Telegram does not sign updates; it sends the {@code secret_token} we gave {@code setWebhook}
 * back in {@code X-Telegram-Bot-Api-Secret-Token}. That header is compared in constant time before
 * the body is read; missing or wrong gets 401 and nothing is stored. A message is kept in the inbox
 * once per {@code update_id} (Telegram repeats an update until it gets a 2xx). The answer is an
 * empty 200: a JSON body would be taken as a Bot API call.
 *
 * <p>A signed update that is not a JSON object with an {@code update_id} is kept as a dead letter
 * (see {@link JsonWebhooks}) and answered with the same empty 200.
 *
 * <p>A customer who shares their own contact (a "share my phone number" button) joins the chat to
 * the profile with that phone, with the chat's earlier messages (see {@link Identities}).
 */
@RestController
@Tag(name = "Webhooks", description = "Called by the providers: no login, each checks its provider's signature first")
class TelegramWebhook implements JsonWebhooks.Hook {

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final TelegramSettings settings;
  private final JsonWebhooks webhooks;
  private final CustomerMessages inbound;
  private final Identities identities;

  TelegramWebhook(TelegramSettings settings, JsonWebhooks webhooks, CustomerMessages inbound, Identities identities) {
    this.settings = settings;
    this.webhooks = webhooks;
    this.inbound = inbound;
    this.identities = identities;
  }

  @Operation(summary = "Telegram: the bot's updates", description = """
      What customers write to the bot, kept in the inbox once per `update_id`; a shared contact joins the \
      chat to the profile with that phone. Telegram sends no delivery receipts.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
      schema = @Schema(type = "object", description = "A Bot API Update")))
  @ApiResponse(responseCode = "200", description = "Taken (an empty body: a JSON one would be a Bot API call)")
  @ApiResponse(responseCode = "401", description = "The secret token is missing or wrong")
  @PostMapping("/webhooks/telegram")
  ResponseEntity<?> receive(
      @Parameter(required = true, description = """
          Not a signature: the secret_token given to setWebhook (TELEGRAM_WEBHOOK_SECRET), which Telegram sends back""")
      @RequestHeader(name = SECRET_HEADER, required = false) String secret,
      @RequestBody(required = false) byte[] body) {
    return webhooks.receive(TelegramProvider.NAME, this, secret, body);
  }

  /** Telegram's recipe: no signature, the secret we gave {@code setWebhook} sent back as it is. */
  @Override
  public Optional<String> refusal(byte[] raw, String secret) {
    String expected = settings.webhookSecret();
    return expected != null && Signatures.matches(expected, secret) ? Optional.empty()
        : Optional.of("The " + SECRET_HEADER + " header is missing or wrong");
  }

  @Override
  public boolean readable(JsonNode update) {
    return update.isObject() && update.path("update_id").canConvertToLong();
  }

  @Override
  public String unreadable() {
    return "unreadable update: not a JSON object with an update_id";
  }

  @Override
  public ResponseEntity<?> deadLettered() {
    return ResponseEntity.ok().build();
  }

  @Override
  public ResponseEntity<?> handle(JsonNode update, String payload) {
    JsonNode message = update.path("message");
    String chatId = message.path("chat").path("id").asText("");
    JsonNode contact = message.path("contact");
    if (!chatId.isBlank() && contact.hasNonNull("phone_number")
        && contact.path("user_id").asText("").equals(message.path("from").path("id").asText("-"))) {
      // The customer shared their own phone number: the chat joins the profile with that number.
      identities.joinTelegram(chatId, contact.get("phone_number").asText());
    }
    if (message.isObject() && !chatId.isBlank()) {
      // Photos and documents carry their words in the caption.
      JsonNode text = message.hasNonNull("text") ? message.get("text") : message.get("caption");
      inbound.store(new CustomerMessages.Received(Channel.TELEGRAM, TelegramProvider.NAME,
          update.path("update_id").asText(), chatId, text == null ? null : text.asText(), time(message.path("date"))));
    }
    // Other updates (edits, button presses, a bot added to a group) are not kept yet.
    return ResponseEntity.ok().build();
  }

  /** Telegram's {@code date} is Unix seconds. */
  private static OffsetDateTime time(JsonNode date) {
    return date.canConvertToLong()
        ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(date.asLong()), ZoneOffset.UTC)
        : null;
  }
}
