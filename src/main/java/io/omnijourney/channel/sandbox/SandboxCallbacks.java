package io.omnijourney.channel.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Signatures;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Posts the sandbox's delivery reports to our webhook over HTTP, signed like a real provider's, and
 * retries with backoff while the webhook does not answer 2xx.
 */
@Component
@SandboxEnabled
public class SandboxCallbacks {

  private static final Logger log = LoggerFactory.getLogger(SandboxCallbacks.class);
  private static final int ATTEMPTS = 6;

  private final SandboxSettings settings;
  private final ObjectMapper json;
  private final RestClient http;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread thread = new Thread(r, "sandbox-callbacks");
    thread.setDaemon(true);
    return thread;
  });
  private volatile String localUrl;

  public SandboxCallbacks(SandboxSettings settings, ObjectMapper json, RestClient.Builder http) {
    this.settings = settings;
    this.json = json;
    this.http = http.build();
  }

  @EventListener
  void onWebServer(WebServerInitializedEvent event) {
    localUrl = "http://127.0.0.1:" + event.getWebServer().getPort() + "/webhooks/sandbox";
  }

  /** Reports {@code status} for a message after {@code delayMs}. */
  void report(String providerMessageId, String status, long delayMs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventId", UUID.randomUUID().toString());
    body.put("providerMessageId", providerMessageId);
    body.put("status", status);
    body.put("at", OffsetDateTime.now(ZoneOffset.UTC).toString());
    try {
      byte[] payload = json.writeValueAsBytes(body);
      scheduler.schedule(() -> post(payload, 1), delayMs, TimeUnit.MILLISECONDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void post(byte[] payload, int attempt) {
    String url = settings.callbackUrl() == null || settings.callbackUrl().isBlank() ? localUrl : settings.callbackUrl();
    try {
      http.post()
          .uri(url)
          .contentType(MediaType.APPLICATION_JSON)
          .header(SandboxWebhook.SIGNATURE_HEADER, sign(settings.secret(), payload))
          .body(payload)
          .retrieve()
          .toBodilessEntity();
    } catch (RestClientException | IllegalArgumentException e) {
      if (attempt >= ATTEMPTS) {
        log.warn("Sandbox gave up reporting to {} after {} attempts: {}", url, attempt, e.getMessage());
        return;
      }
      long backoff = 500L << (attempt - 1);
      scheduler.schedule(() -> post(payload, attempt + 1), backoff, TimeUnit.MILLISECONDS);
    }
  }

  /** The {@code X-Sandbox-Signature} value of a body: {@code sha256=} and the hex HMAC-SHA256. */
  public static String sign(String secret, byte[] payload) {
    return "sha256=" + Signatures.hmacSha256Hex(secret, payload);
  }

  public static String sign(String secret, String payload) {
    return sign(secret, payload.getBytes(StandardCharsets.UTF_8));
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
