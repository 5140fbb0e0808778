package io.omnijourney.channel.twilio;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.twilio.*}: the account, the sender, and where Twilio reaches us.
 *
 * @param accountSid {@code TWILIO_ACCOUNT_SID}, also the user of HTTP Basic
 * @param authToken {@code TWILIO_AUTH_TOKEN}: the HTTP Basic password and the key of {@code X-Twilio-Signature}
 * @param from {@code TWILIO_FROM}: the sending number (E.164), unless a messaging service picks it
 * @param messagingServiceSid {@code TWILIO_MESSAGING_SERVICE_SID}: when set, Twilio picks the sender
 *     from the service's pool and {@code from} is not sent
 * @param baseUrl the API host; tests point it at WireMock
 * @param publicBaseUrl {@code OMNIJOURNEY_PUBLIC_BASE_URL}: this application as Twilio sees it
 *     (behind a proxy or TLS terminator, not the URL the app sees). Twilio signs the exact URL it
 *     calls, so the signature check rebuilds it from here.
 */
@ConfigurationProperties("omnijourney.providers.twilio")
public record TwilioSettings(
    String accountSid, String authToken, String from, String messagingServiceSid, String baseUrl,
    String publicBaseUrl) {

  public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

  public TwilioSettings {
    accountSid = value(accountSid);
    authToken = value(authToken);
    from = value(from);
    messagingServiceSid = value(messagingServiceSid);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
    publicBaseUrl = value(publicBaseUrl) == null ? null : value(publicBaseUrl).replaceAll("/+$", "");
  }

  /** The environment variables that are needed and not set. */
  public List<String> missing() {
    return ProviderSettings.missing()
        .when(accountSid == null, "TWILIO_ACCOUNT_SID")
        .when(authToken == null, "TWILIO_AUTH_TOKEN")
        .when(from == null && messagingServiceSid == null, "TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID")
        // Without it Twilio has nowhere to report delivery, and the journey would wait for nothing.
        .when(publicBaseUrl == null, "OMNIJOURNEY_PUBLIC_BASE_URL")
        .list();
  }

  /** The {@code StatusCallback} we give Twilio with every message, and the URL its signature covers. */
  public String statusCallbackUrl() {
    return publicBaseUrl + TwilioWebhook.PATH;
  }

  /** Who messages go out as: the messaging service when there is one, otherwise the number. */
  public String sender() {
    return messagingServiceSid != null ? messagingServiceSid : from == null ? "default" : from;
  }

  @Override
  public String toString() {
    // The token never appears in logs or in a settings dump.
    return ProviderSettings.describe(this, "authToken");
  }
}
