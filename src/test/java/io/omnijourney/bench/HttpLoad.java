package io.omnijourney.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Sends requests from a number of concurrent clients and records each one's latency. */
final class HttpLoad {

  private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One request: its body and headers, built from its index. */
  record Call(String path, String body, String headerName, String headerValue) {}

  /** The latencies in milliseconds; throws if any request did not succeed. */
  double[] run(String baseUrl, int count, int clients, IntFunction<Call> calls) throws Exception {
    double[] latencies = new double[count];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          Call call = calls.apply(i);
          HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", BASIC)
              .POST(HttpRequest.BodyPublishers.ofString(call.body()));
          if (call.headerName() != null) {
            request.header(call.headerName(), call.headerValue());
          }
          long started = System.nanoTime();
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          latencies[i] = (System.nanoTime() - started) / 1_000_000.0;
          if (response.statusCode() >= 300) {
            throw new IllegalStateException(call.path() + " answered " + response.statusCode() + ": " + response.body());
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    return latencies;
  }
}
