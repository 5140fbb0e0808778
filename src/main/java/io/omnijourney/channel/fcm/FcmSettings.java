package io.omnijourney.channel.fcm;

import static io.omnijourney.channel.ProviderSettings.value;

import io.omnijourney.channel.ProviderSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.fcm.*}: the Firebase project and the Google service account that
 * sends on its behalf. The service account key comes either as the JSON itself
 * ({@code FCM_SERVICE_ACCOUNT_JSON}) or as a file path ({@code GOOGLE_APPLICATION_CREDENTIALS});
 * the project id defaults to the key's own {@code project_id}.
 */
@ConfigurationProperties("omnijourney.providers.fcm")
public record FcmSettings(String projectId, String serviceAccountJson, String credentialsFile, String baseUrl) {

  public static final String DEFAULT_BASE_URL = "https://fcm.googleapis.com";

  public FcmSettings {
    projectId = value(projectId);
    serviceAccountJson = value(serviceAccountJson);
    credentialsFile = value(credentialsFile);
    baseUrl = value(baseUrl, DEFAULT_BASE_URL);
  }

  @Override
  public String toString() {
    return ProviderSettings.describe(this, "serviceAccountJson");
  }
}
