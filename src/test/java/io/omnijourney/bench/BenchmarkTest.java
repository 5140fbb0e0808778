package io.omnijourney.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.RequiresPostgres;
import io.omnijourney.support.RequiresPostgres.Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the benchmark. In {@code ./mvnw verify} it is the smoke run: tiny counts, a few seconds, its
 * report under {@code target/bench-smoke/}, so the benchmark code cannot rot. {@code bench/run}
 * runs it at full size ({@code -Dbench.size=default}), writes {@code bench/results/<date>.md} and
 * {@code .json}, and puts the figures into {@code docs/benchmark.md}.
 */
@RequiresPostgres
class BenchmarkTest {

  @Test
  @SuppressWarnings("unchecked")
  void benchmarkRunMeasuresEveryFigureAndWritesTheReport() throws Exception {
    BenchSize size = BenchSize.of(System.getProperty("bench.size", "smoke"));
    BenchDatabase db = new BenchDatabase(Server.ADMIN_URL, Server.USER, Server.PASSWORD);

    Map<String, Object> results = new Benchmark(size, db).run();

    Path out = size.smoke() ? Path.of("target", "bench-smoke") : Path.of("bench", "results");
    String markdown = Benchmark.write(results, out);
    if (!size.smoke()) {
      BenchReport.updatePage(Path.of("docs/benchmark.md"), markdown);
    }
    assertThat((double) results.get("pgbenchTps")).isPositive();
    for (String measure : List.of("starts", "reports", "startsWithWaiting", "reportsWithWaiting", "stockStarts",
        "stockReports")) {
      assertThat((double) ((Map<String, Object>) results.get(measure)).get("perSecond")).as(measure).isPositive();
    }
    assertThat((List<Object>) results.get("goals")).hasSize(8);
    assertThat((double) ((Map<String, Object>) results.get("databasePerStart")).get("commitsPerJourney")).isPositive();
    assertThat((int) ((Map<String, Object>) results.get("profile")).get("samples")).isPositive();
    assertThat(markdown).contains("pgbench", "Timer accuracy", "| goal | measured | met |");
  }
}
