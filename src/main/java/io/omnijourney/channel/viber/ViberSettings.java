package io.omnijourney.channel.viber;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.viber.*}.
 *
 * @param authToken the bot's authentication token ({@code VIBER_AUTH_TOKEN}): it authenticates our
 *     calls in {@code X-Viber-Auth-Token} and is the key of the webhook's
 *     {@code X-Viber-Content-Signature}
 * @param senderName the bot's name shown to the customer ({@code VIBER_SENDER_NAME}, at most 28
 *     characters); Viber requires one on every message
 * @param baseUrl the API host, {@code https://chatapi.viber.com} unless a test points it elsewhere
 */
@ConfigurationProperties("omnijourney.providers.viber")
public record ViberSettings(String authToken, String senderName, String baseUrl) {

  public static final String DEFAULT_BASE_URL = "https://chatapi.viber.com";

  public ViberSettings {
    authToken = value(authToken);
    senderName = value(senderName);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
  }

  @Override
  public String toString() {
    return ProviderSettings.describe(this, "authToken");
  }
}
