package io.omnijourney.channel.smsru;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.smsru.*}.
 *
 * @param apiId {@code SMSRU_API_ID}: the account key on every call, and the key of the callback's
 *     {@code hash}
 * @param from {@code SMSRU_FROM}: an approved sender name; empty means SMS.ru's default sender
 * @param baseUrl the API host; tests point it at WireMock
 */
@ConfigurationProperties("omnijourney.providers.smsru")
public record SmsRuSettings(String apiId, String from, String baseUrl) {

  public static final String DEFAULT_BASE_URL = "https://sms.ru";

  public SmsRuSettings {
    apiId = value(apiId);
    from = value(from);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
  }

  @Override
  public String toString() {
    // The api_id is the account's password: never in logs or a settings dump.
    return ProviderSettings.describe(this, "apiId");
  }
}
