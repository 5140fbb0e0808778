package io.omnijourney.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A CPU profile of the application's JVM while it serves the load (JFR's execution samples), summed
 * up: which threads, which parts of the stack (ours, the engine, MyBatis, the driver, Spring, the web
 * server) and which methods the samples were in. The load generator is another process, so none of
 * its samples count.
 */
final class Profile implements AutoCloseable {

  /** Code areas by package prefix, first match wins; a sample counts in each area anywhere on its stack. */
  static final Map<String, List<String>> AREAS = areas();

  /** What was looked for by name in the issue's profile: classpath scanning and template compilation. */
  static final Map<String, String> MARKERS = Map.of(
      "classpath scanning (PathMatchingResourcePatternResolver)", "org.springframework.core.io.support.PathMatchingResourcePatternResolver",
      "Mustache template compilation", "com.samskivert.mustache.Mustache$Compiler.compile",
      "BPMN model reads (getBpmnModelInstance)", "getBpmnModelInstance");

  /**
   * Where the time goes, in the engine's and our own terms: a sample counts in each step anywhere on
   * its stack (a job's execution includes its flush, its SQL and its commit).
   */
  static final Map<String, String> STEPS = steps();

  private final Recording recording;
  private final Path file;

  Profile(Path file) throws Exception {
    this.file = file;
    Files.createDirectories(file.getParent());
    recording = new Recording(Configuration.getConfiguration("profile"));
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
    recording.start();
  }

  /** Stops the recording and sums it up. */
  Map<String, Object> summary() throws Exception {
    recording.stop();
    recording.dump(file);
    return summary(file);
  }

  /** Sums up the execution samples of a JFR recording. */
  static Map<String, Object> summary(Path file) throws Exception {
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> selfMethods = new HashMap<>();
    Map<String, Integer> selfAreas = new HashMap<>();
    Map<String, Integer> inclusiveAreas = new HashMap<>();
    Map<String, Integer> markers = new HashMap<>();
    Map<String, Integer> steps = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      threads.merge(threadGroup(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      RecordedFrame top = frames.get(0);
      selfMethods.merge(name(top), 1, Integer::sum);
      selfAreas.merge(area(top.getMethod().getType().getName()), 1, Integer::sum);
      Set<String> seenAreas = new HashSet<>();
      Set<String> seenMarkers = new HashSet<>();
      Set<String> seenSteps = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        seenAreas.add(area(type));
        String full = type + "." + frame.getMethod().getName();
        MARKERS.forEach((marker, pattern) -> {
          if (full.contains(pattern)) {
            seenMarkers.add(marker);
          }
        });
        STEPS.forEach((step, pattern) -> {
          if (full.startsWith(pattern)) {
            seenSteps.add(step);
          }
        });
      }
      seenAreas.forEach(a -> inclusiveAreas.merge(a, 1, Integer::sum));
      seenMarkers.forEach(m -> markers.merge(m, 1, Integer::sum));
      seenSteps.forEach(m -> steps.merge(m, 1, Integer::sum));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("samples", samples);
    summary.put("threads", shares(threads, samples, 8));
    summary.put("selfByArea", shares(selfAreas, samples, 20));
    summary.put("inclusiveByArea", shares(inclusiveAreas, samples, 20));
    Map<String, Integer> allMarkers = new LinkedHashMap<>();
    MARKERS.keySet().stream().sorted().forEach(m -> allMarkers.put(m, markers.getOrDefault(m, 0)));
    summary.put("markers", shares(allMarkers, samples, 10));
    summary.put("steps", shares(steps, samples, STEPS.size()));
    summary.put("topSelfMethods", shares(selfMethods, samples, 20));
    return summary;
  }

  @Override
  public void close() {
    recording.close();
  }

  /** Per cent of all samples, the largest first. */
  private static Map<String, Double> shares(Map<String, Integer> counts, int samples, int limit) {
    Map<String, Double> shares = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .forEach(e -> shares.put(e.getKey(), samples == 0 ? 0 : Math.round(e.getValue() * 1000.0 / samples) / 10.0));
    return shares;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  static String area(String type) {
    for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
      for (String prefix : area.getValue()) {
        if (type.startsWith(prefix)) {
          return area.getKey();
        }
      }
    }
    return "other";
  }

  /** Thread names without their numbers: "http-nio-…-exec-3" and "-exec-7" are one pool. */
  private static String threadGroup(String name) {
    return name == null ? "?" : name.replaceAll("[0-9]+", "#");
  }

  private static Map<String, String> steps() {
    Map<String, String> steps = new LinkedHashMap<>();
    steps.put("HTTP requests (DispatcherServlet)", "org.springframework.web.servlet.DispatcherServlet.doDispatch");
    steps.put("journey starts (JourneyController.start)", "io.omnijourney.journey.JourneyController.start");
    steps.put("delivery reports (DeliveryReports.receive)", "io.omnijourney.delivery.DeliveryReports.receive");
    steps.put("authentication (ProviderManager.authenticate)",
        "org.springframework.security.authentication.ProviderManager.authenticate");
    steps.put("process instance start (StartProcessInstanceCmd)", "org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd");
    steps.put("a report ending a wait (MessageEventReceivedCmd)", "org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd");
    steps.put("job acquisition (AcquireJobsCmd)", "org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd");
    steps.put("job execution (ExecuteJobsCmd)", "org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd");
    steps.put("timer jobs (Timer*JobHandler)", "org.camunda.bpm.engine.impl.jobexecutor.Timer");
    steps.put("engine reads (DbSqlSession.select*)", "org.camunda.bpm.engine.impl.db.sql.DbSqlSession.select");
    steps.put("engine writes at flush (DbEntityManager.flush)", "org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager.flush");
    steps.put("history events (DbHistoryEventHandler)", "org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler");
    steps.put("expressions (JUEL)", "org.camunda.bpm.impl.juel");
    steps.put("decision tables (DMN)", "org.camunda.bpm.dmn.engine.impl");
    steps.put("JDBC statements (PgPreparedStatement.execute*)", "org.postgresql.jdbc.PgPreparedStatement.execute");
    steps.put("commits (PgConnection.commit)", "org.postgresql.jdbc.PgConnection.commit");
    steps.put("our sends (delivery)", "io.omnijourney.delivery.SendMessageDelegate");
    steps.put("the provider (sandbox)", "io.omnijourney.channel.sandbox.SandboxProvider");
    steps.put("customer profiles (Customers.save)", "io.omnijourney.customer.Customers.save");
    steps.put("message templates (Mustache)", "com.samskivert.mustache");
    steps.put("metrics and observations (Micrometer)", "io.micrometer");
    steps.put("JSON (Jackson)", "com.fasterxml.jackson");
    steps.put("logging (Logback)", "ch.qos.logback");
    return steps;
  }

  private static Map<String, List<String>> areas() {
    Map<String, List<String>> areas = new LinkedHashMap<>();
    areas.put("Omnijourney", List.of("io.omnijourney."));
    areas.put("Camunda engine", List.of("org.camunda."));
    areas.put("MyBatis", List.of("org.apache.ibatis."));
    areas.put("PostgreSQL driver", List.of("org.postgresql."));
    areas.put("HikariCP", List.of("com.zaxxer.hikari."));
    areas.put("Spring", List.of("org.springframework."));
    areas.put("Tomcat", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."));
    areas.put("Jackson", List.of("com.fasterxml.jackson."));
    areas.put("Mustache", List.of("com.samskivert.mustache."));
    areas.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
    areas.put("Micrometer", List.of("io.micrometer."));
    areas.put("JDK", List.of("java.", "javax.", "jdk.", "sun.", "com.sun."));
    return areas;
  }
}
