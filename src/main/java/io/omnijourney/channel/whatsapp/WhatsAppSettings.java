package io.omnijourney.channel.whatsapp;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.whatsapp.*}: the WhatsApp Cloud API.
 *
 * @param accessToken the bearer token of the system user ({@code WHATSAPP_ACCESS_TOKEN})
 * @param phoneNumberId the id of the business phone number we send from, not the number itself
 *     ({@code WHATSAPP_PHONE_NUMBER_ID})
 * @param appSecret the Meta app's secret, the key of {@code X-Hub-Signature-256} ({@code WHATSAPP_APP_SECRET})
 * @param verifyToken what we told Meta to send in the webhook's {@code GET} handshake ({@code WHATSAPP_VERIFY_TOKEN})
 * @param apiVersion the Graph API version in the path, e.g. {@code v21.0}
 * @param baseUrl the Graph API host; tests point it at WireMock
 */
@ConfigurationProperties("omnijourney.providers.whatsapp")
public record WhatsAppSettings(
    String accessToken, String phoneNumberId, String appSecret, String verifyToken, String apiVersion, String baseUrl) {

  public static final String DEFAULT_API_VERSION = "v21.0";
  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

  public WhatsAppSettings {
    accessToken = value(accessToken);
    phoneNumberId = value(phoneNumberId);
    appSecret = value(appSecret);
    verifyToken = value(verifyToken);
    apiVersion = value(apiVersion, DEFAULT_API_VERSION);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
  }

  /** Secrets show only whether they are set. */
  @Override
  public String toString() {
    return ProviderSettings.describe(this, "accessToken", "appSecret", "verifyToken");
  }
}
