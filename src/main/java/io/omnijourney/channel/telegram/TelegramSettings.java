package io.omnijourney.channel.telegram;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.telegram.*}: the Telegram Bot API.
 *
 * @param botToken the token BotFather gave, {@code <bot id>:<secret>} ({@code TELEGRAM_BOT_TOKEN});
 *     it is part of every request's path, so it never goes into a log line or a message
 * @param webhookSecret the {@code secret_token} given to {@code setWebhook}; Telegram sends it back in
 *     {@code X-Telegram-Bot-Api-Secret-Token} ({@code TELEGRAM_WEBHOOK_SECRET})
 * @param baseUrl the Bot API host; tests point it at WireMock
 */
@ConfigurationProperties("omnijourney.providers.telegram")
public record TelegramSettings(String botToken, String webhookSecret, String baseUrl) {

  public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

  public TelegramSettings {
    botToken = value(botToken);
    webhookSecret = value(webhookSecret);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
  }

  /** Secrets show only whether they are set. */
  @Override
  public String toString() {
    return ProviderSettings.describe(this, "botToken", "webhookSecret");
  }
}
