package io.omnijourney.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL itself counted for one database: commits ({@code pg_stat_database}), rows written
 * per table ({@code pg_stat_user_tables}) and, when the server preloads {@code pg_stat_statements},
 * statements. Read before and after a step, the difference divided by the step's journeys is the
 * database work one journey costs, whoever issued it (requests, job executor, sweepers, the sandbox).
 */
final class PgStats {

  /** One reading. {@code statements} is -1 when pg_stat_statements is not loaded by the server. */
  record Snapshot(long commits, long rollbacks, long statements, Map<String, Long> rowsWrittenByTable) {}

  /**
   * PostgreSQL's backends publish their counters when idle, at most once a second: wait that long
   * before a reading so the step's last transactions are in it.
   */
  private static final long FLUSH_MILLIS = 1_500;

  private final BenchDatabase db;
  private final String database;

  PgStats(BenchDatabase db, String database) {
    this.db = db;
    this.database = database;
    // The view of pg_stat_statements exists in a database once the extension is created there. It
    // counts only where the server preloads the library; elsewhere reading it fails quietly.
    try (Connection c = DriverManager.getConnection(db.url(database), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    } catch (SQLException notInstalled) {
      // Without the extension's files the statements are not counted; everything else is.
    }
  }

  Snapshot read() throws InterruptedException {
    Thread.sleep(FLUSH_MILLIS);
    try (Connection c = DriverManager.getConnection(db.url(database), db.user(), db.password());
        Statement s = c.createStatement()) {
      long commits;
      long rollbacks;
      try (ResultSet rs = s.executeQuery(
          "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
        rs.next();
        commits = rs.getLong(1);
        rollbacks = rs.getLong(2);
      }
      Map<String, Long> rows = new TreeMap<>();
      try (ResultSet rs = s.executeQuery(
          "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")) {
        while (rs.next()) {
          rows.put(rs.getString(1).toLowerCase(), rs.getLong(2));
        }
      }
      long statements = -1;
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s"
          + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()")) {
        rs.next();
        statements = rs.getLong(1);
      } catch (SQLException notLoaded) {
        // The extension needs shared_preload_libraries and a server restart; the bench does not restart a shared server.
      }
      // This reading's own transactions (one per statement above) are counted in the next one.
      return new Snapshot(commits, rollbacks, statements, rows);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The database work per journey between two readings: {@code ownCommits} are the benchmark's
   * own (its counting queries and readings), taken off before dividing.
   */
  static Map<String, Object> perJourney(Snapshot before, Snapshot after, long ownCommits, int journeys) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("journeys", journeys);
    map.put("commitsPerJourney", round((after.commits() - before.commits() - ownCommits) / (double) journeys));
    map.put("rollbacksPerJourney", round((after.rollbacks() - before.rollbacks()) / (double) journeys));
    map.put("statementsPerJourney", after.statements() < 0 || before.statements() < 0 ? null
        : round((after.statements() - before.statements()) / (double) journeys));
    Map<String, Object> rows = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> table : after.rowsWrittenByTable().entrySet()) {
      long written = table.getValue() - before.rowsWrittenByTable().getOrDefault(table.getKey(), 0L);
      total += written;
      if (written >= journeys / 10 && written > 0) {
        rows.put(table.getKey(), round(written / (double) journeys));
      }
    }
    map.put("rowsWrittenPerJourney", round(total / (double) journeys));
    map.put("rowsWrittenPerJourneyByTable", rows);
    return map;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
