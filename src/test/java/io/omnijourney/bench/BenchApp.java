package io.omnijourney.bench;

import io.omnijourney.OmnijourneyApplication;
import io.omnijourney.support.AppProcess;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application as users run it, started in this JVM on a fresh PostgreSQL database: either with
 * our settings ({@code application.yaml}) or with the Camunda starter's defaults, as a team would
 * get it by hand.
 */
final class BenchApp implements AutoCloseable {

  /** The Camunda Spring Boot starter's defaults, undoing each of our engine settings. */
  static final Map<String, Object> STOCK = Map.ofEntries(
      Map.entry("camunda.bpm.history-level", "full"),
      Map.entry("camunda.bpm.eventing.execution", "true"),
      Map.entry("camunda.bpm.eventing.history", "true"),
      Map.entry("camunda.bpm.eventing.task", "true"),
      Map.entry("camunda.bpm.metrics.enabled", "true"),
      Map.entry("camunda.bpm.metrics.db-reporter-activate", "true"),
      Map.entry("camunda.bpm.job-execution.wait-time-in-millis", "5000"),
      Map.entry("camunda.bpm.job-execution.max-wait", "60000"),
      Map.entry("camunda.bpm.job-execution.core-pool-size", "3"),
      Map.entry("camunda.bpm.job-execution.max-pool-size", "10"),
      Map.entry("camunda.bpm.job-execution.queue-capacity", "3"),
      Map.entry("camunda.bpm.job-execution.max-jobs-per-acquisition", "3"),
      Map.entry("camunda.bpm.job-execution.lock-time-in-millis", "300000"),
      Map.entry("camunda.bpm.generic-properties.properties.jobExecutorPreferTimerJobs", "false"),
      Map.entry("camunda.bpm.generic-properties.properties.jobExecutorAcquireByDueDate", "false"),
      Map.entry("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "false"),
      Map.entry("omnijourney.jobs.hand-over", "false"));

  final ConfigurableApplicationContext context;
  final String baseUrl;
  final String sandboxSecret;
  final JdbcClient jdbc;

  BenchApp(BenchDatabase db, String database, Map<String, Object> overrides) {
    db.recreate(database);
    Map<String, Object> properties = AppProcess.settings(db.url(database), db.user(), db.password());
    properties.put("server.port", "0");
    properties.putAll(overrides);
    // As command-line arguments: they win over application.yaml and its profiles, as a user's would.
    context = new SpringApplicationBuilder(OmnijourneyApplication.class).run(AppProcess.arguments(properties));
    baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    sandboxSecret = context.getEnvironment().getProperty("omnijourney.sandbox.secret");
    jdbc = context.getBean(JdbcClient.class);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
