package io.omnijourney.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.kpi.KpiReport;
import io.omnijourney.kpi.KpiWindow;
import io.omnijourney.kpi.Kpis;
import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How long the KPIs of a 7-day window take on PostgreSQL with many deliveries: the application
 * on a fresh database {@code kpi_bench}, seeded by {@code src/test/resources/bench/kpi-seed.sql} (10 deliveries per
 * journey, 30 days), then {@code GET /api/kpis}'s computation timed. {@code -Dkpi.bench.journeys}
 * sets the size: 2,000 in {@code ./mvnw verify} (a smoke run), 100,000 (1,000,000 deliveries) for
 * the figure of docs/benchmark.md, which must answer under a second. The result is printed and
 * written to {@code target/kpi-bench.txt}.
 */
@RequiresPostgres
class KpiQueryBenchmarkTest {

  static final String DATABASE = "kpi_bench";
  static final Duration BUDGET = Duration.ofSeconds(1);

  @Test
  void aSevenDayWindowOfAMillionDeliveriesAnswersUnderASecond() throws IOException {
    int journeys = Integer.getInteger("kpi.bench.journeys", 2_000);
    BenchDatabase db = new BenchDatabase(Server.ADMIN_URL, Server.USER, Server.PASSWORD);
    try (BenchApp app = new BenchApp(db, DATABASE, Map.of("camunda.bpm.job-execution.enabled", "false"))) {
      long seeding = System.nanoTime();
      for (String statement : seed(journeys)) {
        app.jdbc.sql(statement).update();
      }
      Duration seeded = Duration.ofNanos(System.nanoTime() - seeding);
      long deliveries = app.jdbc.sql("SELECT COUNT(*) FROM delivery").query(Long.class).single();

      Kpis kpis = app.bean(Kpis.class);
      KpiWindow window = KpiWindow.parse(null, null, null, null, Clock.systemUTC());
      List<Duration> runs = new ArrayList<>();
      KpiReport report = null;
      for (int run = 0; run < 6; run++) {
        long start = System.nanoTime();
        report = kpis.of(window);
        runs.add(Duration.ofNanos(System.nanoTime() - start));
      }
      List<Duration> measured = new ArrayList<>(runs.subList(1, runs.size())); // the first warms the caches
      Collections.sort(measured);
      Duration median = measured.get(measured.size() / 2);
      Duration worst = measured.get(measured.size() - 1);
      long inWindow = app.jdbc.sql("SELECT COUNT(*) FROM delivery WHERE created_at >= ? AND created_at < ?")
          .params(window.from().atOffset(java.time.ZoneOffset.UTC), window.to().atOffset(java.time.ZoneOffset.UTC))
          .query(Long.class).single();

      String result = String.format("KPI benchmark on PostgreSQL %s: %,d journeys, %,d deliveries (%,d in the"
              + " 7-day window), seeded in %d s; GET /api/kpis for the last 7 days: median %d ms, worst %d ms"
              + " of %d runs after one warm-up (first run %d ms)%n",
          db.version(), journeys, deliveries, inWindow, seeded.toSeconds(), median.toMillis(), worst.toMillis(),
          measured.size(), runs.get(0).toMillis());
      System.out.print(result);
      Files.writeString(Path.of("target", "kpi-bench.txt"), result);

      // The figures are the data set's: a quarter of the 30 days, every delivery of the window counted once.
      long counted = report.deliveries().stream().mapToLong(KpiReport.Step::sent).sum();
      assertThat(counted).isEqualTo(inWindow);
      assertThat(report.journeys().started()).isBetween(journeys * 7L / 30 - 10, journeys * 7L / 30 + 10);
      assertThat(report.journeys().converted()).isPositive();
      assertThat(report.optOutRate()).isPositive();
      assertThat(median).isLessThan(BUDGET);
    } finally {
      db.drop(DATABASE);
    }
  }

  private static List<String> seed(int journeys) throws IOException {
    try (InputStream in = KpiQueryBenchmarkTest.class.getResourceAsStream("/bench/kpi-seed.sql")) {
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${journeys}", Integer.toString(journeys));
      List<String> statements = new ArrayList<>();
      for (String statement : script.replaceAll("(?m)--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          statements.add(statement.trim());
        }
      }
      return statements;
    }
  }
}
