package io.omnijourney.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load balancer in front of the nodes does for clients and providers: each request goes to
 * the next node, and on to another while a node does not answer or answers 5xx, for up to a minute.
 * A request that dies with its node is sent again, so what it asks must be safe to repeat.
 */
final class LoadBalancer {

  private static final Duration PATIENCE = Duration.ofMinutes(1);
  private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  private final List<String> nodes;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  LoadBalancer(List<String> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts a journey as the shop would, with the same {@code Idempotency-Key} on every try: a start
   * that the dead node committed before its answer was lost is answered again, not started twice.
   */
  void start(String body, String idempotencyKey) throws InterruptedException {
    expect2xx(send("POST", "/api/journeys", body, "Authorization", ADMIN, "Idempotency-Key", idempotencyKey));
  }

  void put(String path, String body) throws InterruptedException {
    expect2xx(send("PUT", path, body, "Authorization", ADMIN));
  }

  /** An administrator's {@code POST} with a body of this type; the answer's body. */
  String post(String path, String contentType, String body) throws InterruptedException {
    return expect2xx(send("POST", path, body, "Authorization", ADMIN, "Content-Type", contentType)).body();
  }

  /** An administrator's {@code GET}; the answer's body. */
  String get(String path) throws InterruptedException {
    return expect2xx(send("GET", path, "", "Authorization", ADMIN)).body();
  }

  /** Posts a webhook; {@code headers} are name, value, name, value... */
  void postWebhook(String path, String body, String... headers) throws InterruptedException {
    expect2xx(send("POST", path, body, headers));
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Object lastAnswer = null;
    while (System.nanoTime() < deadline) {
      String node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
      HttpRequest request = HttpRequest.newBuilder(URI.create(node + path))
          .timeout(Duration.ofSeconds(30))
          .headers(withJsonByDefault(headers))
          .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
          .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500) {
          return response;
        }
        lastAnswer = response.statusCode() + " " + response.body();
      } catch (IOException unreachable) {
        lastAnswer = unreachable;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no node took " + method + " " + path + " within " + PATIENCE + ": " + lastAnswer);
  }

  private static String[] withJsonByDefault(String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Content-Type")) {
        return headers;
      }
    }
    String[] withJson = Arrays.copyOf(headers, headers.length + 2);
    withJson[headers.length] = "Content-Type";
    withJson[headers.length + 1] = "application/json";
    return withJson;
  }

  private static HttpResponse<String> expect2xx(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response;
  }
}
