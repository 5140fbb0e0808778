package io.omnijourney.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load generator: a number of concurrent HTTP clients, each request's latency recorded. It runs
 * as a process of its own ({@link #main}), as users' traffic would come from elsewhere, so its
 * threads, allocations and JIT work are not counted in the application's JVM or its profile.
 */
final class HttpLoad {

  private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  /** One request: its body and headers, built from its index. Bodies are one line, without tabs. */
  record Call(String path, String body, String headerName, String headerValue) {
    String line() {
      return String.join("\t", path, headerName == null ? "" : headerName, headerValue == null ? "" : headerValue, body);
    }

    static Call of(String line) {
      String[] f = line.split("\t", 4);
      return new Call(f[0], f[3], f[1].isEmpty() ? null : f[1], f[2].isEmpty() ? null : f[2]);
    }
  }

  /** What the load generator reports: when its first request went out (epoch ms), and every latency. */
  record Result(long startedEpochMillis, double[] latencies) {}

  /**
   * Runs the calls from a separate JVM (this class's {@link #main}) and waits for it; throws if any
   * request did not succeed.
   */
  Result run(String baseUrl, int count, int clients, IntFunction<Call> calls) throws Exception {
    Path dir = Files.createTempDirectory("omnijourney-load");
    Path in = dir.resolve("calls.tsv");
    Path out = dir.resolve("latencies.txt");
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(calls.apply(i).line());
    }
    Files.write(in, lines, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", ownClasspath(), HttpLoad.class.getName(),
        baseUrl, String.valueOf(clients), in.toString(), out.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the load generator failed: " + output);
    }
    List<String> result = Files.readAllLines(out, StandardCharsets.UTF_8);
    double[] latencies = result.stream().skip(1).mapToDouble(Double::parseDouble).toArray();
    Files.delete(in);
    Files.delete(out);
    Files.delete(dir);
    return new Result(Long.parseLong(result.get(0)), latencies);
  }

  /** The load generator's process: {@code <baseUrl> <clients> <calls file> <latencies file>}. */
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    int clients = Integer.parseInt(args[1]);
    List<Call> calls = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8).stream().map(Call::of).toList();
    long started = System.currentTimeMillis();
    double[] latencies = send(baseUrl, clients, calls);
    StringBuilder out = new StringBuilder().append(started).append('\n');
    for (double latency : latencies) {
      out.append(latency).append('\n');
    }
    Files.writeString(Path.of(args[3]), out, StandardCharsets.UTF_8);
  }

  private static double[] send(String baseUrl, int clients, List<Call> calls) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int count = calls.size();
    double[] latencies = new double[count];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          Call call = calls.get(i);
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
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return latencies;
  }

  /** Where this class was loaded from (target/test-classes): all the load generator needs is the JDK. */
  private static String ownClasspath() throws URISyntaxException, IOException {
    return Path.of(HttpLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
