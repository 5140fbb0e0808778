package io.omnijourney.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.omnijourney.bench.Measurements.Population;
import io.omnijourney.bench.Measurements.Throughput;
import io.omnijourney.bench.Measurements.TimerAccuracy;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run: PostgreSQL's own ceiling (pgbench), then the application with our settings
 * (starts, delivery reports, timer accuracy, the same again with many journeys waiting), then the
 * Camunda starter's defaults on the same machine, all in one run. Every figure in the report comes
 * from this run.
 */
final class Benchmark {

  /** One goal of the issue, and whether this run met it. */
  record Goal(String name, double target, double measured, boolean atLeast) {
    boolean met() {
      return atLeast ? measured >= target : measured <= target;
    }
  }

  private final BenchSize size;
  private final BenchDatabase db;
  private final Map<String, Object> results = new LinkedHashMap<>();

  Benchmark(BenchSize size, BenchDatabase db) {
    this.size = size;
    this.db = db;
  }

  Map<String, Object> run() throws Exception {
    results.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    results.put("size", size.name());
    results.put("machine", machine());

    double pgbench = PgBench.run(db, "omnijourney_pgbench", size);
    results.put("pgbenchTps", Percentiles.round(pgbench));

    Throughput starts;
    Throughput reports;
    Map<String, Object> database;
    Map<String, Object> profile;
    Map<String, Object> timerProfile;
    TimerAccuracy timers;
    Population population;
    Throughput loadedStarts;
    Throughput loadedReports;
    try (BenchApp app = new BenchApp(db, "omnijourney_bench", Map.of())) {
      Measurements.silenceSandbox(app);
      results.put("warmUpRounds", warmUp(app));
      PgStats stats = new PgStats(db, "omnijourney_bench");
      PgStats.Snapshot before = stats.read();
      starts = Measurements.starts(app, size, "empty");
      PgStats.Snapshot after = stats.read();
      database = PgStats.perJourney(before, after, starts.ownQueries() + 3, starts.count());
      reports = Measurements.reports(app, size, "empty");
      // The profile records the same load once more, so that JFR's own cost is not in the figures.
      try (Profile cpu = new Profile(Path.of("target", "bench-profile.jfr"))) {
        Measurements.starts(app, size, "profiled");
        Measurements.reports(app, size, "profiled");
        profile = cpu.summary();
      }
      timers = Measurements.timers(app, size);
      timerProfile = timers.profile();
      population = Measurements.populate(app, db, "omnijourney_bench", size.waiting());
      loadedStarts = Measurements.starts(app, size, "loaded");
      loadedReports = Measurements.reports(app, size, "loaded");
    }
    Throughput stockStarts;
    Throughput stockReports;
    try (BenchApp stock = new BenchApp(db, "omnijourney_bench_stock", BenchApp.STOCK)) {
      Measurements.silenceSandbox(stock);
      warmUp(stock);
      stockStarts = Measurements.starts(stock, size, "stock");
      stockReports = Measurements.reports(stock, size, "stock");
    }
    db.drop("omnijourney_bench");
    db.drop("omnijourney_bench_stock");

    results.put("starts", throughput(starts, pgbench));
    results.put("reports", throughput(reports, pgbench));
    results.put("databasePerStart", database);
    results.put("profile", profile);
    results.put("timerProfile", timerProfile);
    results.put("timers", Map.of("timers", timers.timers(), "windowSeconds", size.timerWindow().toSeconds(),
        "lateness", timers.lateness().toMap(), "drainSecondsAfterWindow", timers.drainSecondsAfterWindow()));
    results.put("waitingJourneys", Map.of("journeys", population.journeys(), "fillSeconds", population.seconds(),
        "databaseBytesPerJourney", population.databaseBytesPerJourney(),
        "heapBytesPerJourney", population.heapBytesPerJourney()));
    results.put("startsWithWaiting", throughput(loadedStarts, pgbench));
    results.put("reportsWithWaiting", throughput(loadedReports, pgbench));
    results.put("stockStarts", throughput(stockStarts, pgbench));
    results.put("stockReports", throughput(stockReports, pgbench));

    List<Goal> goals = List.of(
        new Goal("journey starts ≥ 0.10 × pgbench", 0.10, starts.perSecond() / pgbench, true),
        new Goal("delivery reports ≥ 0.20 × pgbench", 0.20, reports.perSecond() / pgbench, true),
        new Goal("timer lateness p99 ≤ 2 s (ms)", 2000, timers.lateness().p99(), false),
        new Goal("starts with " + size.waiting() + " waiting ≥ 0.8 × empty", 0.8,
            loadedStarts.perSecond() / starts.perSecond(), true),
        new Goal("reports with " + size.waiting() + " waiting ≥ 0.8 × empty", 0.8,
            loadedReports.perSecond() / reports.perSecond(), true),
        new Goal("starts ≥ 2 × the stock-defaults baseline", 2.0, starts.perSecond() / stockStarts.perSecond(), true),
        new Goal("PostgreSQL commits per journey start ≤ 4", 4, (double) database.get("commitsPerJourney"), false),
        new Goal("heap per 1,000,000 waiting journeys ≤ 1 GB (GB)", 1,
            population.heapBytesPerJourney() * 1_000_000 / 1e9, false));
    List<Map<String, Object>> goalList = new ArrayList<>();
    for (Goal goal : goals) {
      goalList.add(Map.of("goal", goal.name(), "target", goal.target(), "measured", ratio(goal.measured()),
          "met", goal.met()));
    }
    results.put("goals", goalList);
    return results;
  }

  /**
   * Warms up until the start rate is stable: rounds of a quarter of the measured journeys (starts
   * and their reports) until two rounds in a row are within 10% of each other, at most 8. A fixed,
   * short warm-up made "empty" slower than the later "100,000 waiting", an artefact of the JIT and
   * the connection pools, not of the data. Then gives the tables statistics. Returns each round's
   * start rate.
   */
  private List<Double> warmUp(BenchApp app) throws Exception {
    int rounds = size.smoke() ? 2 : 8;
    BenchSize warm = new BenchSize("warm-up", size.clients(), Math.max(20, size.journeys() / 4), 0, null, 0, null, 0);
    List<Double> rates = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      String tag = "warm" + round + "-" + System.nanoTime();
      rates.add(Percentiles.round(Measurements.starts(app, warm, tag).perSecond()));
      Measurements.reports(app, warm, tag);
      int n = rates.size();
      if (n >= 2 && Math.abs(rates.get(n - 1) - rates.get(n - 2)) <= 0.1 * rates.get(n - 2)) {
        break;
      }
    }
    // A database in use has statistics for its tables; a new one gets them from autovacuum only
    // after enough rows changed. Without them, the measured starts read through wrong indexes, as
    // the timers once did (see timers), and measured the young database instead of the application.
    app.jdbc.sql("ANALYZE").update();
    return rates;
  }

  private static Map<String, Object> throughput(Throughput t, double pgbench) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("count", t.count());
    map.put("seconds", Percentiles.round(t.seconds()));
    map.put("perSecond", Percentiles.round(t.perSecond()));
    map.put("ratioToPgbench", ratio(t.perSecond() / pgbench));
    map.put("latency", t.latency().toMap());
    return map;
  }

  private static double ratio(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memoryGiB", Math.round(((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    machine.put("java", System.getProperty("java.version"));
    machine.put("postgresql", db.version());
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return machine;
  }

  /** Writes {@code <dir>/<date>.json} and {@code <dir>/<date>.md}; returns the Markdown. */
  static String write(Map<String, Object> results, Path dir) throws Exception {
    Files.createDirectories(dir);
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(date + ".json").toFile(), results);
    Path profile = dir.resolve("profile-" + date + ".md");
    results.put("profileFile", profile.toString());
    String markdown = BenchReport.markdown(results);
    Files.writeString(dir.resolve(date + ".md"), markdown, StandardCharsets.UTF_8);
    Files.writeString(profile, BenchReport.profile(results), StandardCharsets.UTF_8);
    return markdown;
  }
}
