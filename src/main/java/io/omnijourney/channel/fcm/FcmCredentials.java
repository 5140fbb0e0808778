package io.omnijourney.channel.fcm;

import com.google.auth.Retryable;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.omnijourney.channel.ProviderSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The OAuth2 access token FCM HTTP v1 wants, from a Google service account, through Google's own
 * auth library: it signs the JWT assertion, exchanges it at the key's {@code token_uri} and caches
 * the token until shortly before it expires (about an hour).
 *
 * <p>The library's own retries of the token request are off: a send that cannot get a token is
 * transient, and the job's retry schedule waits instead of a job thread.
 */
final class FcmCredentials {

  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

  private final ServiceAccountCredentials credentials;
  private final String projectId;
  private final List<String> missing = new ArrayList<>();

  FcmCredentials(FcmSettings settings) {
    ServiceAccountCredentials loaded = null;
    if (settings.serviceAccountJson() == null && settings.credentialsFile() == null) {
      missing.add("FCM_SERVICE_ACCOUNT_JSON (or GOOGLE_APPLICATION_CREDENTIALS)");
    } else {
      try (InputStream key = settings.serviceAccountJson() == null
          ? Files.newInputStream(Path.of(settings.credentialsFile()))
          : new ByteArrayInputStream(settings.serviceAccountJson().getBytes(StandardCharsets.UTF_8))) {
        loaded = ServiceAccountCredentials.fromStream(key).toBuilder()
            .setScopes(List.of(SCOPE))
            .setDefaultRetriesEnabled(false)
            .build();
      } catch (IOException | RuntimeException unreadable) {
        // The library's message may quote the key file; say only which setting is wrong.
        missing.add((settings.serviceAccountJson() == null ? "GOOGLE_APPLICATION_CREDENTIALS" : "FCM_SERVICE_ACCOUNT_JSON")
            + " (not a readable service account key: " + unreadable.getClass().getSimpleName() + ")");
      }
    }
    credentials = loaded;
    projectId = settings.projectId() != null ? settings.projectId()
        : loaded != null && ProviderSettings.value(loaded.getProjectId()) != null ? loaded.getProjectId() : null;
    if (projectId == null && loaded != null) {
      missing.add("FCM_PROJECT_ID");
    }
  }

  /** The settings that are missing or unusable; empty when FCM can be called. */
  List<String> missing() {
    return List.copyOf(missing);
  }

  String projectId() {
    return projectId;
  }

  /** A valid access token, fetched or refreshed when needed. */
  String accessToken() throws IOException {
    credentials.refreshIfExpired();
    return credentials.getAccessToken().getTokenValue();
  }

  /**
   * Whether a failed token request may work later (the token endpoint was unreachable or answered
   * 5xx) rather than being refused for good (a revoked key, a deleted service account).
   */
  static boolean retryable(Exception failure) {
    return !(failure instanceof Retryable retryable) || retryable.isRetryable();
  }
}
