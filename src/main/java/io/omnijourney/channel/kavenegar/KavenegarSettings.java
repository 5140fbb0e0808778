package io.omnijourney.channel.kavenegar;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.kavenegar.*}.
 *
 * @param apiKey the account's API key ({@code KAVENEGAR_API_KEY}); Kavenegar takes it in the URL
 *     path, so it must never reach a log line or an error message
 * @param sender the sender line ({@code KAVENEGAR_SENDER}); empty means the account's default line
 * @param baseUrl the API host, {@code https://api.kavenegar.com} unless a test points it elsewhere
 * @param pollInterval how often the poller asks for the statuses of messages still in flight
 */
@ConfigurationProperties("omnijourney.providers.kavenegar")
public record KavenegarSettings(String apiKey, String sender, String baseUrl, Duration pollInterval) {

  public static final String DEFAULT_BASE_URL = "https://api.kavenegar.com";

  public KavenegarSettings {
    apiKey = value(apiKey);
    sender = value(sender);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
    pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
  }

  public boolean configured() {
    return apiKey != null;
  }

  public boolean hasSender() {
    return sender != null;
  }

  @Override
  public String toString() {
    return ProviderSettings.describe(this, "apiKey");
  }
}
