package io.omnijourney.support;

import io.omnijourney.OmnijourneyApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The application in a JVM of its own, as one node of an installation runs it: this build's classes
 * and dependencies, the postgres profile, and its settings as command-line arguments, which win
 * over {@code application.yaml} as an operator's would. Its output goes to
 * {@code target/<name>.log}. {@link #close} stops it as an orchestrator does (SIGTERM, then a
 * wait); {@link #kill} is {@code kill -9}.
 */
public final class AppProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final String name;
  private final Process process;
  private final String baseUrl;
  private final Path log;

  private AppProcess(String name, Process process, String baseUrl, Path log) {
    this.name = name;
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  /**
   * The settings every start shares: the postgres profile on this database, and quiet logs (a
   * node's INFO lines for thousands of journeys cost CPU the measurement or the test needs).
   */
  public static Map<String, Object> settings(String jdbcUrl, String user, String password) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("spring.profiles.active", "postgres");
    settings.put("spring.datasource.url", jdbcUrl);
    settings.put("spring.datasource.username", user);
    settings.put("spring.datasource.password", password);
    settings.put("logging.level.io.omnijourney", "WARN");
    settings.put("logging.level.org.camunda", "WARN");
    // Whether the node waited for another one's schema changes.
    settings.put("logging.level.io.omnijourney.SchemaLock", "INFO");
    settings.put("spring.main.banner-mode", "off");
    return settings;
  }

  /** Settings as the command-line arguments Spring Boot reads ({@code --name=value}). */
  public static String[] arguments(Map<String, ?> settings) {
    return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  /**
   * Starts a node on the test server's {@code database} with {@link #settings} on a free port, and
   * waits until it answers as healthy. {@code environment} holds the node's variables, as an
   * operator sets them (docs/operations.md lists them). Nodes may start at once, also on a new
   * database: they take turns creating the engine's tables (SchemaLockPlugin).
   */
  public static AppProcess start(String name, String database, Map<String, String> environment) throws IOException {
    int port = freePort();
    Map<String, Object> settings = settings(RequiresPostgres.Server.url(database), RequiresPostgres.Server.USER,
        RequiresPostgres.Server.PASSWORD);
    settings.put("server.port", port);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", applicationClasspath(), OmnijourneyApplication.class.getName()));
    command.addAll(Arrays.asList(arguments(settings)));
    Path log = Path.of("target", name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    AppProcess app = new AppProcess(name, process, "http://127.0.0.1:" + port, log);
    app.awaitHealthy();
    return app;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public long pid() {
    return process.pid();
  }

  /** Kills the node as {@code kill -9} does: no shutdown hook, no connection closed cleanly. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).timeout(Duration.ofSeconds(5))
        .build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(500));
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " was not healthy within " + STARTUP + ":\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Surefire's class path without the tests' own classes: the main classes and the dependencies. */
  private static String applicationClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
