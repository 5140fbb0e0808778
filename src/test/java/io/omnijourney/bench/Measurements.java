package io.omnijourney.bench;



import static io.omnijourney.support.PlaybookIds.OrderConfirmation.PROCESS;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.SMS_NOT_DELIVERED;
import static io.omnijourney.support.PlaybookIds.OrderConfirmation.WAIT_SMS;

import io.omnijourney.channel.sandbox.SandboxCallbacks;
import io.omnijourney.channel.sandbox.SandboxRule;
import io.omnijourney.channel.sandbox.SandboxRule.Outcome;
import io.omnijourney.channel.sandbox.SandboxRules;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The benchmark's measurements, each against a running {@link BenchApp}. */
final class Measurements {

  /**
   * How many per second, and how long each request took; {@code ownQueries} are the benchmark's
   * own counting queries while it waited (each a PostgreSQL commit that is not the application's).
   */
  record Throughput(int count, double seconds, double perSecond, Percentiles latency, int ownQueries) {}

  /** How late the "not delivered" timers fired, and how long the backlog took to drain after their minute. */
  /** The timers' lateness, and the CPU profile of the application while they fired. */
  record TimerAccuracy(int timers, Percentiles lateness, double drainSecondsAfterWindow, Map<String, Object> profile) {}

  /** What each waiting journey costs: database bytes and heap bytes. */
  record Population(int journeys, double seconds, long databaseBytesPerJourney, long heapBytesPerJourney) {}

  private static final Duration PATIENCE = Duration.ofMinutes(10);

  /**
   * How often a throughput step checks whether it is done: at most 1% of a 10-second step, and
   * rarely enough that the benchmark's own counting queries do not compete with the load.
   */
  private static final Duration THROUGHPUT_POLL = Duration.ofMillis(100);

  private Measurements() {}

  /** Keeps every SMS and WhatsApp message waiting: nothing but our own load reaches the webhook. */
  static void silenceSandbox(BenchApp app) {
    app.bean(SandboxRules.class).replace(List.of(
        new SandboxRule("sms", "*", Outcome.SILENT, 0L),
        new SandboxRule("whatsapp", "*", Outcome.SILENT, 0L)));
  }

  /** Journey starts over HTTP, each counted when its SMS has been accepted by the sandbox. */
  static Throughput starts(BenchApp app, BenchSize size, String tag) throws Exception {
    int n = size.journeys();
    LongSupplier accepted = () -> app.jdbc.sql(
        "SELECT COUNT(*) FROM delivery WHERE channel = 'sms' AND provider_message_id IS NOT NULL")
        .query(Long.class).single();
    long before = accepted.getAsLong();
    HttpLoad.Result load = new HttpLoad().run(app.baseUrl, n, size.clients(), i -> new HttpLoad.Call("/api/journeys",
        ("{\"playbook\": \"order-confirmation\", \"businessKey\": \"%s-%d\", \"customer\": {\"id\": \"bench-%s-%d\","
            + " \"phone\": \"+7916%07d\", \"locale\": \"ru\"}, \"variables\": {\"orderNumber\": \"%d\","
            + " \"smsTimeout\": \"PT1H\"}}").formatted(tag, i, tag, i, i % 10_000_000, i), null, null));
    int polls = waitFor(() -> accepted.getAsLong() >= before + n, THROUGHPUT_POLL);
    double seconds = (System.currentTimeMillis() - load.startedEpochMillis()) / 1e3;
    return new Throughput(n, seconds, n / seconds, Percentiles.ofMillis(load.latencies()), polls + 1);
  }

  /** Signed "delivered" reports over HTTP for the journeys of {@link #starts}, counted when correlated. */
  static Throughput reports(BenchApp app, BenchSize size, String tag) throws Exception {
    List<String> messages = app.jdbc.sql("SELECT d.provider_message_id FROM delivery d JOIN journey j ON j.id ="
            + " d.journey_id WHERE j.business_key LIKE ? AND d.channel = 'sms'")
        .param(tag + "-%").query(String.class).list();
    LongSupplier correlated = () -> app.jdbc.sql("SELECT COUNT(*) FROM delivery WHERE correlation = 'CORRELATED'")
        .query(Long.class).single();
    long before = correlated.getAsLong();
    HttpLoad.Result load = new HttpLoad().run(app.baseUrl, messages.size(), size.clients(), i -> {
      String body = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"providerMessageId\": \"" + messages.get(i)
          + "\", \"status\": \"delivered\", \"at\": \"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
      return new HttpLoad.Call("/webhooks/sandbox", body, "X-Sandbox-Signature",
          SandboxCallbacks.sign(app.sandboxSecret, body));
    });
    int polls = waitFor(() -> correlated.getAsLong() >= before + messages.size(), THROUGHPUT_POLL);
    double seconds = (System.currentTimeMillis() - load.startedEpochMillis()) / 1e3;
    return new Throughput(messages.size(), seconds, messages.size() / seconds, Percentiles.ofMillis(load.latencies()),
        polls + 2);
  }

  /**
   * Puts journeys at "Wait for SMS delivery" and moves their "not delivered" timers into one
   * window (a minute at full size), then measures when each one fired (its activity's start in history) against its due date.
   */
  static TimerAccuracy timers(BenchApp app, BenchSize size) throws Exception {
    List<String> journeys = waitingJourneys(app, "timer", size.timers(), "PT1H");
    // As populate does: a database has statistics for its tables. Without them, right after the
    // bulk start, PostgreSQL read a journey's variables through the (task, name) index, every
    // journey's "deliveryId" row, not through the execution's: 57 ms a read where it takes 0.3
    // (the profile of 2026-12-07). That measured a missing ANALYZE, not the timers.
    app.jdbc.sql("ANALYZE").update();
    ManagementService management = app.bean(ManagementService.class);
    Set<String> ours = Set.copyOf(journeys);
    List<Job> jobs = management.createJobQuery().timers().activityId(SMS_NOT_DELIVERED).list().stream()
        .filter(job -> ours.contains(job.getProcessInstanceId()))
        .toList();
    Instant windowStart = Instant.now().plusSeconds(5 + size.timers() / 1000);
    Map<String, Instant> due = new HashMap<>();
    // One batched UPDATE in one transaction: none is due before all are set, and setting 10,000 one
    // engine command at a time took longer than the lead time on a busy machine, so early timers were
    // late before the measurement began. The timers are an hour out until then; no command holds them.
    List<Object[]> dueDates = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      Instant when = windowStart.plusMillis(size.timerWindow().toMillis() * i / jobs.size());
      dueDates.add(new Object[] {Timestamp.from(when), jobs.get(i).getId()});
      due.put(jobs.get(i).getProcessInstanceId(), when);
    }
    new TransactionTemplate(app.bean(PlatformTransactionManager.class)).executeWithoutResult(status ->
        app.bean(JdbcTemplate.class).batchUpdate("UPDATE act_ru_job SET duedate_ = ? WHERE id_ = ?", dueDates));
    if (Instant.now().isAfter(windowStart)) {
      throw new IllegalStateException("setting the timers' due dates took longer than their lead time");
    }
    HistoryService history = app.bean(HistoryService.class);
    Map<String, Object> profile;
    // The profile covers the burst only: from before the first timer is due until the last has fired.
    try (Profile cpu = new Profile(Path.of("target", "bench-timers-profile.jfr"))) {
      // Lateness and drain come from the history's start times, so a slow poll costs no precision.
      waitFor(() -> history.createHistoricActivityInstanceQuery().activityId(SMS_NOT_DELIVERED).count()
          >= journeys.size(), Duration.ofSeconds(1));
      profile = cpu.summary();
    }
    double[] lateness = new double[journeys.size()];
    Instant lastFired = Instant.MIN;
    int i = 0;
    for (HistoricActivityInstance fired : history.createHistoricActivityInstanceQuery().activityId(SMS_NOT_DELIVERED).list()) {
      Instant at = fired.getStartTime().toInstant();
      lateness[i++] = Math.max(0, Duration.between(due.get(fired.getProcessInstanceId()), at).toMillis());
      lastFired = at.isAfter(lastFired) ? at : lastFired;
    }
    double drain = Math.max(0, Duration.between(windowStart.plus(size.timerWindow()), lastFired).toMillis() / 1000.0);
    return new TimerAccuracy(journeys.size(), Percentiles.ofMillis(lateness), Percentiles.round(drain), profile);
  }

  /** Fills the database with journeys waiting for their SMS (timers a month out), and what each costs. */
  static Population populate(BenchApp app, BenchDatabase db, String database, int count) throws Exception {
    long heapBefore = usedHeapAfterGc();
    long bytesBefore = db.sizeBytes(database);
    long started = System.nanoTime();
    waitingJourneys(app, "waiting", count, "P30D");
    double seconds = (System.nanoTime() - started) / 1e9;
    // A production database has statistics for its tables; do not measure the minutes before
    // autovacuum catches up with a bulk load.
    app.jdbc.sql("ANALYZE").update();
    long heapAfter = usedHeapAfterGc();
    long bytesAfter = db.sizeBytes(database);
    return new Population(count, Percentiles.round(seconds), (bytesAfter - bytesBefore) / count,
        Math.max(0, heapAfter - heapBefore) / count);
  }

  /**
   * Journeys started directly at "Wait for SMS delivery" through the engine, in batches of 100 per
   * transaction on 4 threads: the fastest honest way to have many journeys really waiting (with
   * their subscriptions, timer and variables) without sending their SMS first. Each has its
   * customer's profile, with a phone for the SMS and WhatsApp, so a "not delivered" timer leads to
   * a real fallback send on WhatsApp, as in production.
   */
  private static List<String> waitingJourneys(BenchApp app, String tag, int count, String smsTimeout) throws Exception {
    RuntimeService runtime = app.bean(RuntimeService.class);
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
    TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
    List<String> ids = Collections.synchronizedList(new ArrayList<>(count));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> batches = new ArrayList<>();
    for (int from = 0; from < count; from += 100) {
      int first = from;
      int end = Math.min(count, from + 100);
      batches.add(pool.submit(() -> transaction.executeWithoutResult(status -> {
        List<Object[]> customers = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
          customers.add(new Object[] {tag + "-" + i, "+7926%07d".formatted(i)});
        }
        jdbc.batchUpdate("INSERT INTO customer (id, phone, locale, created_at, updated_at)"
            + " VALUES (?, ?, 'ru', now(), now())", customers);
        for (int i = first; i < end; i++) {
          ids.add(runtime.createProcessInstanceByKey(PROCESS)
              .businessKey(tag + "-" + i)
              .setVariable("customerId", tag + "-" + i)
              .setVariable("smsDeliveryId", UUID.randomUUID().toString())
              .setVariable("smsTimeout", smsTimeout)
              .startBeforeActivity(WAIT_SMS)
              .execute()
              .getId());
        }
      })));
    }
    for (Future<?> batch : batches) {
      batch.get();
    }
    pool.shutdown();
    return ids;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Waits until done; returns how often it asked. */
  private static int waitFor(BooleanSupplier done, Duration poll) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int asked = 1;
    for (; !done.getAsBoolean(); asked++) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the benchmark step did not finish within " + PATIENCE);
      }
      Thread.sleep(poll.toMillis());
    }
    return asked;
  }
}
