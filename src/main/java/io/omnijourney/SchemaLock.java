package io.omnijourney;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Nodes that start at the same moment on a new or upgraded PostgreSQL database take turns changing
 * its schema. Two nodes doing it at once collide: Flyway's first baseline of our tables, and
 * Camunda's creation of its {@code ACT_*} tables while the engine is built, each fail on the second
 * node with a table that already exists. A node holds a PostgreSQL advisory lock, on a connection of
 * its own, while Flyway migrates and while the engine is built ({@code engine/SchemaLockPlugin}); the
 * next node then finds the tables in place. A node that dies holding it releases it with its
 * connection. H2 serves one node and takes no lock. Holds nest: the lock is released when the
 * outermost hold ends.
 */
@Component
public class SchemaLock implements FlywayMigrationStrategy {

  /** The advisory lock's key: "omnijrn" in ASCII, a number no other lock of ours uses. */
  static final long KEY = 0x6f6d6e696a726eL;

  private static final Logger log = LoggerFactory.getLogger(SchemaLock.class);

  private final DataSource dataSource;
  private Connection holding;
  private int holds;

  public SchemaLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void migrate(Flyway flyway) {
    take("migrating our tables");
    try {
      flyway.migrate();
    } finally {
      release();
    }
  }

  /** Waits until no other node changes the schema, then holds the lock; {@code why} is for the log. */
  public synchronized void take(String why) {
    if (holds++ > 0) {
      return;
    }
    try {
      Connection connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        connection.close();
        return;
      }
      try (Statement statement = connection.createStatement()) {
        if (!answer(statement, "pg_try_advisory_lock")) {
          log.info("Another node is changing the database's schema; waiting for it before {}", why);
          statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
        }
      }
      holding = connection;
    } catch (SQLException e) {
      holds--;
      throw new IllegalStateException("Could not take the schema lock before " + why, e);
    }
  }

  public synchronized void release() {
    if (holds == 0 || --holds > 0 || holding == null) {
      return;
    }
    try (Connection connection = holding; Statement statement = connection.createStatement()) {
      answer(statement, "pg_advisory_unlock");
    } catch (SQLException e) {
      // The pool closes the connection in the end, and the lock with it; other nodes wait until then.
      log.warn("Could not release the schema lock: {}", e.getMessage());
    } finally {
      holding = null;
    }
  }

  /** Calls one of PostgreSQL's advisory lock functions that answer whether they took or released it. */
  private static boolean answer(Statement statement, String function) throws SQLException {
    try (var result = statement.executeQuery("SELECT " + function + "(" + KEY + ")")) {
      result.next();
      return result.getBoolean(1);
    }
  }
}
