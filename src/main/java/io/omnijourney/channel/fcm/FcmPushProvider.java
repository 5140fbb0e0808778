package io.omnijourney.channel.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.IdentifiedProvider;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.ProviderHttp;
import io.omnijourney.channel.ProviderIdentity;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Push notifications through Firebase Cloud Messaging's HTTP v1 API, to the push token on the
 * customer's profile. The message carries our delivery id as {@code data.deliveryId}; FCM's id for
 * it is the {@code name} it answers ({@code projects/<project>/messages/<id>}).
 *
 * <p><b>No per-message receipt.</b> FCM tells nothing after it accepted a message (delivery to the
 * device is only visible in Firebase's aggregate reports), so "accepted" is final: the playbook must
 * not wait for a report on this channel. There is no lookup by our reference either.
 *
 * <p>Errors come as Google's error JSON, {@code error.code}, {@code error.status} and, in
 * {@code error.details[]}, an {@code errorCode} of type {@code google.firebase.fcm.v1.FcmError}:
 * <ul>
 *   <li>{@code UNREGISTERED} (404): the app was uninstalled or the token expired; permanent, and the
 *       token is blocked so it is not tried again;
 *   <li>{@code SENDER_ID_MISMATCH} (403): the token belongs to another Firebase project; permanent
 *       and blocked the same way;
 *   <li>{@code INVALID_ARGUMENT} (400): permanent; blocked only when the token itself is the invalid
 *       field ({@code google.rpc.BadRequest} on {@code message.token}), since a payload FCM refuses
 *       says nothing about the customer;
 *   <li>{@code QUOTA_EXCEEDED} (429), {@code UNAVAILABLE} (503), {@code INTERNAL} (500): transient,
 *       honouring {@code Retry-After};
 *   <li>{@code THIRD_PARTY_AUTH_ERROR} (our APNs certificate or web push key), 401 (our access token)
 *       and other 403/404 (the service account's rights, the project): misconfigured.
 * </ul>
 */
@Component
public class FcmPushProvider extends IdentifiedProvider {

  public static final String NAME = "fcm";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
  private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";

  private final RestClient http;
  private final FcmCredentials credentials;

  /** FCM's quotas are per project: the project is the sender. */
  @Autowired
  public FcmPushProvider(RestClient.Builder builder, FcmSettings settings) {
    this(builder, settings, new FcmCredentials(settings));
  }

  private FcmPushProvider(RestClient.Builder builder, FcmSettings settings, FcmCredentials credentials) {
    super(new ProviderIdentity(NAME, Set.of(Channel.PUSH), credentials.projectId(), credentials.missing(), List.of()));
    this.http = ProviderHttp.client(builder, settings.baseUrl());
    this.credentials = credentials;
  }

  @Override
  public SendOutcome send(OutboundMessage message) {
    String accessToken;
    try {
      accessToken = credentials.accessToken();
    } catch (IOException | RuntimeException e) {
      // Nothing reached FCM yet, so either way the message was not sent.
      return FcmCredentials.retryable(e)
          ? new SendOutcome.Transient("oauth-token", "no FCM access token from Google (" + e.getClass().getSimpleName() + ")", null)
          : new SendOutcome.Misconfigured("oauth-token", "Google refused the service account's token request");
    }
    return ProviderHttp.send(NAME, () -> http.post()
        .uri("/v1/projects/{project}/messages:send", credentials.projectId())
        .headers(headers -> headers.setBearerAuth(accessToken))
        .contentType(MediaType.APPLICATION_JSON)
        .body(request(message))
        .exchange((request, response) -> outcome(response.getStatusCode(), response.getHeaders(),
            read(response.getBody().readAllBytes())), true));
  }

  private static Map<String, Object> request(OutboundMessage message) {
    Map<String, Object> notification = new LinkedHashMap<>();
    if (message.subject() != null && !message.subject().isBlank()) {
      notification.put("title", message.subject());
    }
    notification.put("body", message.text());
    return Map.of("message", Map.of(
        "token", message.recipient(),
        "notification", notification,
        "data", Map.of("deliveryId", message.reference())));
  }

  static SendOutcome outcome(HttpStatusCode status, HttpHeaders headers, JsonNode body) {
    if (status.is2xxSuccessful()) {
      String name = body.path("name").asText("");
      if (name.isEmpty()) {
        throw new ProviderHttp.NoAnswer("fcm answered " + status.value() + " without a message name");
      }
      return new SendOutcome.Accepted(name);
    }
    JsonNode error = body.path("error");
    String errorCode = detail(error, FCM_ERROR).path("errorCode").asText("");
    String code = !errorCode.isEmpty() ? errorCode : error.path("status").asText(String.valueOf(status.value()));
    String reason = "FCM answered " + status.value() + " " + code;
    return switch (errorCode) {
      case "UNREGISTERED" -> new SendOutcome.Permanent(code, "the push token is no longer registered", Block.UNREACHABLE);
      case "SENDER_ID_MISMATCH" ->
          new SendOutcome.Permanent(code, "the push token belongs to another Firebase project", Block.UNREACHABLE);
      case "INVALID_ARGUMENT" -> invalidArgument(error, code);
      case "QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL" -> new SendOutcome.Transient(code, reason, ProviderHttp.retryAfter(headers));
      case "THIRD_PARTY_AUTH_ERROR" ->
          new SendOutcome.Misconfigured(code, "FCM refused our APNs certificate or web push key");
      default -> status.value() == 400 ? invalidArgument(error, code) : ProviderHttp.byStatus(status, headers, code, reason);
    };
  }

  private static SendOutcome invalidArgument(JsonNode error, String code) {
    for (JsonNode violation : detail(error, BAD_REQUEST).path("fieldViolations")) {
      if ("message.token".equals(violation.path("field").asText())) {
        return new SendOutcome.Permanent(code, "the push token is not a valid FCM registration token", Block.UNREACHABLE);
      }
    }
    return new SendOutcome.Permanent(code, "FCM refused the message as invalid");
  }

  private static JsonNode detail(JsonNode error, String type) {
    for (JsonNode detail : error.path("details")) {
      if (type.equals(detail.path("@type").asText())) {
        return detail;
      }
    }
    return JSON.missingNode();
  }

  /** Google's gateways answer some errors (a 502) with an HTML page: that reads as no JSON at all. */
  private static JsonNode read(byte[] body) {
    try {
      return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }
}
