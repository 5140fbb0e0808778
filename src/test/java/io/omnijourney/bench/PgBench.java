package io.omnijourney.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own commit rate on this machine, now: pgbench's TPC-B with 8 clients and prepared
 * statements. Every figure of the benchmark is also reported as a ratio to it, because the machine
 * is shared and absolute numbers drift.
 */
final class PgBench {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  private PgBench() {}

  /** Transactions per second, or throws when pgbench is not installed (bench/run installs it). */
  static double run(BenchDatabase db, String database, BenchSize size) throws IOException, InterruptedException {
    db.recreate(database);
    exec(List.of("pgbench", "-h", db.host(), "-p", String.valueOf(db.port()), "-U", db.user(), "-i", "-q",
        "-s", String.valueOf(size.pgbenchScale()), database));
    String output = exec(List.of("pgbench", "-h", db.host(), "-p", String.valueOf(db.port()), "-U", db.user(),
        "-c", "8", "-j", "2", "-M", "prepared", "-T", String.valueOf(size.pgbenchTime().toSeconds()), database));
    Matcher tps = TPS.matcher(output);
    if (!tps.find()) {
      throw new IllegalStateException("pgbench printed no tps: " + output);
    }
    db.drop(database);
    return Double.parseDouble(tps.group(1));
  }

  private static String exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      reader.lines().forEach(line -> output.append(line).append('\n'));
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output.toString();
  }
}
