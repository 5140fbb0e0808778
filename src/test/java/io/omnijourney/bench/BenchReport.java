package io.omnijourney.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Turns a run's results into Markdown, and puts that into docs/benchmark.md between the performance markers. */
final class BenchReport {

  static final String START = "<!-- performance:start -->";
  static final String END = "<!-- performance:end -->";

  private BenchReport() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    StringBuilder md = new StringBuilder();
    md.append("Measured ").append(r.get("date")).append(" (size `").append(r.get("size")).append("`) on ")
        .append(machine.get("cores")).append(" cores, ").append(machine.get("memoryGiB")).append(" GiB, Java ")
        .append(machine.get("java")).append(", PostgreSQL ").append(machine.get("postgresql"))
        .append(", heap limit ").append(machine.get("maxHeapMiB")).append(" MiB.\n\n");
    md.append("PostgreSQL's own ceiling, pgbench TPC-B (8 clients, prepared): **")
        .append(r.get("pgbenchTps")).append(" tps**.\n\n");
    md.append("| measure | count | per second | × pgbench | p50 ms | p95 ms | p99 ms |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    row(md, "journey starts (until the SMS is accepted)", r.get("starts"));
    row(md, "delivery reports (until correlated)", r.get("reports"));
    Map<String, Object> waiting = (Map<String, Object>) r.get("waitingJourneys");
    row(md, "journey starts, " + waiting.get("journeys") + " journeys waiting", r.get("startsWithWaiting"));
    row(md, "delivery reports, " + waiting.get("journeys") + " journeys waiting", r.get("reportsWithWaiting"));
    row(md, "journey starts, Camunda starter defaults", r.get("stockStarts"));
    row(md, "delivery reports, Camunda starter defaults", r.get("stockReports"));
    Map<String, Object> timers = (Map<String, Object>) r.get("timers");
    Map<String, Object> lateness = (Map<String, Object>) timers.get("lateness");
    md.append("\nTimer accuracy: ").append(timers.get("timers")).append(" \"not delivered\" timers due within ").append(timers.get("windowSeconds")).append(" s")
        .append(" fired p50 ").append(lateness.get("p50Ms")).append(" ms and p99 ").append(lateness.get("p99Ms"))
        .append(" ms late (max ").append(lateness.get("maxMs")).append(" ms); the backlog was drained ")
        .append(timers.get("drainSecondsAfterWindow")).append(" s after the window ended.\n\n");
    md.append("Each waiting journey costs ").append(waiting.get("databaseBytesPerJourney"))
        .append(" bytes of database and ").append(waiting.get("heapBytesPerJourney"))
        .append(" bytes of heap (filling ").append(waiting.get("journeys")).append(" took ")
        .append(waiting.get("fillSeconds")).append(" s).\n\n");
    Map<String, Object> database = (Map<String, Object>) r.get("databasePerStart");
    md.append("PostgreSQL's own statistics over the ").append(database.get("journeys"))
        .append(" measured starts (all of the application's work until each SMS was accepted, the sandbox's included): ")
        .append(database.get("commitsPerJourney")).append(" commits and ")
        .append(database.get("rollbacksPerJourney")).append(" rollbacks per journey, ")
        .append(database.get("statementsPerJourney") == null ? "statements not counted (pg_stat_statements is not preloaded)"
            : database.get("statementsPerJourney") + " statements")
        .append(", ").append(database.get("rowsWrittenPerJourney")).append(" rows written (")
        .append(((Map<String, Object>) database.get("rowsWrittenPerJourneyByTable")).entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
        .append("). Warm-up rounds, starts a second: ").append(r.get("warmUpRounds"))
        .append(". The load came from a separate JVM; the CPU profiles of the application, during the same starts and reports run once more and during the timers, are in `")
        .append(r.get("profileFile")).append("`.\n\n");
    md.append("| goal | measured | met |\n|---|---|---|\n");
    for (Map<String, Object> goal : (List<Map<String, Object>>) r.get("goals")) {
      md.append("| ").append(goal.get("goal")).append(" | ").append(goal.get("measured")).append(" | ")
          .append(Boolean.TRUE.equals(goal.get("met")) ? "yes" : "**no**").append(" |\n");
    }
    return md.toString();
  }

  /**
   * The CPU profiles (JFR) of the application: while it served the starts and reports once more after the measured ones, and
   * while it fired the timers.
   */
  static String profile(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    md.append("# CPU profiles, ").append(r.get("date")).append(" (size `").append(r.get("size")).append("`)\n\n")
        .append("JFR execution samples (every 10 ms per running thread) of the application's JVM; the load")
        .append(" generator ran in another process. Shares are per cent of each profile's samples.\n\n");
    profile(md, "Journey starts and delivery reports", "while it served the same journey starts and delivery reports again, after the measured ones (so that recording cost nothing in the figures)",
        r.get("profile"));
    profile(md, "Timers", "while the burst of \"not delivered\" timers fired, from their due time until the last had run",
        r.get("timerProfile"));
    return md.toString();
  }

  @SuppressWarnings("unchecked")
  private static void profile(StringBuilder md, String title, String when, Object profile) {
    Map<String, Object> p = (Map<String, Object>) profile;
    md.append("# ").append(title).append("\n\n").append(p.get("samples")).append(" samples ").append(when)
        .append(".\n\n");
    section(md, "Where the time goes, step by step (a sample counts in each step on its stack)", "step", p.get("steps"));
    section(md, "By thread pool", "thread", p.get("threads"));
    section(md, "By code area, anywhere on the stack (a sample counts once in each area it passes through)", "area",
        p.get("inclusiveByArea"));
    section(md, "By code area of the running method (self)", "area", p.get("selfByArea"));
    section(md, "What the issue's profile found per request", "marker", p.get("markers"));
    section(md, "Hottest methods (self)", "method", p.get("topSelfMethods"));
  }

  @SuppressWarnings("unchecked")
  private static void section(StringBuilder md, String title, String what, Object shares) {
    md.append("## ").append(title).append("\n\n| ").append(what).append(" | % of samples |\n|---|---|\n");
    ((Map<String, Object>) shares).forEach((name, share) ->
        md.append("| `").append(name).append("` | ").append(share).append(" |\n"));
    md.append('\n');
  }

  @SuppressWarnings("unchecked")
  private static void row(StringBuilder md, String name, Object value) {
    Map<String, Object> t = (Map<String, Object>) value;
    Map<String, Object> latency = (Map<String, Object>) t.get("latency");
    md.append("| ").append(name).append(" | ").append(t.get("count")).append(" | ").append(t.get("perSecond"))
        .append(" | ").append(t.get("ratioToPgbench")).append(" | ").append(latency.get("p50Ms")).append(" | ")
        .append(latency.get("p95Ms")).append(" | ").append(latency.get("p99Ms")).append(" |\n");
  }

  /** Replaces the page's section between the performance markers with this run's figures. */
  static void updatePage(Path page, String markdown) throws Exception {
    String text = Files.readString(page, StandardCharsets.UTF_8);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException(page + " has no " + START + " … " + END + " section");
    }
    Files.writeString(page, text.substring(0, start + START.length()) + "\n" + markdown + text.substring(end),
        StandardCharsets.UTF_8);
  }
}
