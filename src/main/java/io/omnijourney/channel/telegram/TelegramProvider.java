package io.omnijourney.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.ProviderSettings;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends Telegram messages through the Bot API: {@code POST /bot<token>/sendMessage} with
 * {@code chat_id} and {@code text}. Telegram numbers messages per chat, so the provider message id
 * is {@code <chat key>:<message id>}, where the chat key is the first 16 hex digits of the chat id's
 * SHA-256: unique per chat like the chat id itself, but the ledger logs provider message ids, and a
 * chat id (a person's Telegram user id) must not reach a log line.
 *
 * <p><b>No delivery receipts.</b> Telegram never reports whether a message was delivered or read:
 * {@code ok: true} (accepted) is the strongest signal there is, and a playbook that sends on
 * Telegram must not wait for a report. Nor can a message be looked up, so a lost answer marks the
 * delivery uncertain rather than sending twice.
 *
 * <p>The token is part of every URL, so no URL, token or request ever reaches a log line or an
 * exception message here; {@link ProviderHttp#send} names neither. Refusals map as
 * {@link TelegramErrors} says; a customer who blocked the bot is recorded as opted out.
 */
@Component
public class TelegramProvider extends IdentifiedProvider {

  public static final String NAME = "telegram";
  /** What BotFather hands out; checked before the token goes into a path. */
  private static final Pattern BOT_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

  private final TelegramSettings settings;
  private final RestClient http;

  /**
   * Telegram's limit (about 30 messages/s) is per bot, the sender: the bot id, the token's public
   * part before ':'. Without a bot token, or with one that is not a bot token, nothing can be sent.
   */
  public TelegramProvider(TelegramSettings settings, RestClient.Builder builder) {
    super(ProviderIdentity.of(NAME, Channel.TELEGRAM).sendingAs(botId(settings.botToken()))
        .missingToSend(ProviderSettings.missing()
            .unless(settings.botToken(), "TELEGRAM_BOT_TOKEN")
            .when(settings.botToken() != null && !BOT_TOKEN.matcher(settings.botToken()).matches(),
                "a TELEGRAM_BOT_TOKEN that is a bot token (<bot id>:<secret>)"))
        .missingForWebhooks(ProviderSettings.missing().unless(settings.webhookSecret(), "TELEGRAM_WEBHOOK_SECRET")));
    this.settings = settings;
    this.http = ProviderHttp.client(builder, settings.baseUrl());
  }

  private static String botId(String token) {
    int colon = token == null ? -1 : token.indexOf(':');
    return colon > 0 ? token.substring(0, colon) : null;
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chat_id", message.recipient());
    body.put("text", message.text());
    return ProviderHttp.send(NAME, () -> http.post()
        // Spelled out, not a URI variable: a variable would be encoded, and ':' would become %3A.
        .uri("/bot" + settings.botToken() + "/sendMessage")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange((request, response) -> {
          JsonNode answer = ProviderHttp.json(response.getBody().readAllBytes());
          if (response.getStatusCode().is2xxSuccessful() && answer != null && answer.path("ok").asBoolean(false)) {
            return accepted(answer.path("result"), message.recipient());
          }
          return TelegramErrors.classify(response.getStatusCode(), response.getHeaders(), answer);
        }));
  }

  private static SendOutcome accepted(JsonNode result, String chatId) {
    if (!result.path("message_id").canConvertToLong()) {
      // Telegram said ok, so the message may well be out: the outcome is unknown.
      throw new ProviderHttp.NoAnswer("telegram answered ok without a message id");
    }
    String chat = result.path("chat").path("id").asText("");
    return new SendOutcome.Accepted(chatKey(chat.isBlank() ? chatId : chat) + ":" + result.path("message_id").asLong());
  }

  /** Stands for a chat in provider message ids without naming it. */
  static String chatKey(String chatId) {
    return Signatures.sha256Hex(chatId.strip().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
