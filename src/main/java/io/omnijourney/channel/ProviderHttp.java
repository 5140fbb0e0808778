package io.omnijourney.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClient;

/**
 * What every provider client over HTTP shares: a {@link RestClient} on a configurable base URL with
 * timeouts well under the job lock (two minutes), the {@code Retry-After} header, and the answers
 * every provider means the same way.
 */
public final class ProviderHttp {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderHttp() {}

  public static RestClient client(RestClient.Builder builder, String baseUrl) {
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    requests.setReadTimeout(READ_TIMEOUT);
    return builder.clone().baseUrl(baseUrl).requestFactory(requests).build();
  }

  /**
   * Runs one send. A connection that never opened is transient: nothing reached the provider. Any
   * other I/O failure (a timeout after the request went out) is rethrown as {@link NoAnswer}: the
   * outcome is unknown, and the ledger looks the message up or marks it uncertain rather than send
   * it twice. Neither message names the URL, which holds the API key for some providers.
   */
  public static SendOutcome send(String provider, Supplier<SendOutcome> call) {
    try {
      return call.get();
    } catch (ResourceAccessException e) {
      String cause = e.getCause() == null ? "I/O error" : e.getCause().getClass().getSimpleName();
      if (e.getCause() instanceof ConnectException || e.getCause() instanceof HttpConnectTimeoutException) {
        return new SendOutcome.Transient("no-connection", "could not connect to " + provider + " (" + cause + ")", null);
      }
      throw new NoAnswer(provider + " gave no answer after the request was sent (" + cause + ")");
    }
  }

  /**
   * Runs a call that is not a send (a lookup, a status poll). Any failure of the HTTP client is
   * rethrown as {@link NoAnswer} naming only the provider, the call and the cause's type: Spring's
   * own messages quote the URL, which holds the API key for some providers.
   */
  public static <T> T call(String provider, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RestClientException e) {
      String cause = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
      throw new NoAnswer(provider + " " + what + " failed (" + cause + ")");
    }
  }

  /** The request went out and no answer came: the provider may or may not have the message. */
  public static final class NoAnswer extends RuntimeException {
    public NoAnswer(String message) {
      super(message);
    }
  }

  /**
   * The class of an HTTP error that the provider's own error codes do not explain: 429 and 5xx are
   * transient (honouring {@code Retry-After}); 401, 403 and other 4xx say our account or request is
   * wrong, which an operator must fix.
   */
  public static SendOutcome byStatus(HttpStatusCode status, HttpHeaders headers, String code, String reason) {
    if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value() || status.is5xxServerError()) {
      return new SendOutcome.Transient(code, reason, retryAfter(headers));
    }
    return new SendOutcome.Misconfigured(code, reason);
  }

  /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  public static Duration retryAfter(HttpHeaders headers) {
    String value = headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(ZonedDateTime.now(),
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /**
   * A provider's answer body as JSON, whatever its HTTP status (many providers explain errors in the
   * body). An empty answer, or one that is not JSON (a proxy's error page), reads as an empty
   * object, so the caller falls through to the HTTP status. Jackson's own message would quote the
   * body, which may hold personal data, so it is never passed on.
   */
  public static JsonNode json(byte[] body) {
    try {
      JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }
}
