package io.omnijourney.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a test class only where a PostgreSQL server answers at {@code OMNIJOURNEY_TEST_PG_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code OMNIJOURNEY_TEST_PG_USER} or
 * postgres). Without one the class is skipped and says why, unless {@code -Dpostgres.required=true}
 * (as CI sets it): then the missing server fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

  /** Where the test server is. */
  final class Server {
    public static final String ADMIN_URL = TestEnvironment.get("OMNIJOURNEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = TestEnvironment.get("OMNIJOURNEY_TEST_PG_USER", "postgres");
    public static final String PASSWORD = TestEnvironment.get("OMNIJOURNEY_TEST_PG_PASSWORD", "");

    private Server() {}

    /** The JDBC URL of a database on the test server. */
    public static String url(String database) {
      return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
    }

    /** Drops and creates the database: a test's own, fresh at each run and left behind for a look afterwards. */
    public static void recreate(String database) throws SQLException {
      try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
          Statement sql = admin.createStatement()) {
        sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        sql.execute("CREATE DATABASE " + database);
      }
    }

    /** Points the application at {@code database} on the test server, dropped and created fresh first. */
    public static void freshDatabase(String database, DynamicPropertyRegistry registry) throws SQLException {
      recreate(database);
      registry.add("spring.datasource.url", () -> url(database));
      registry.add("spring.datasource.username", () -> USER);
      registry.add("spring.datasource.password", () -> PASSWORD);
    }
  }

  /** Decides before the Spring context is built, so a missing server costs nothing. */
  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      try (Connection ignored = DriverManager.getConnection(Server.ADMIN_URL, Server.USER, Server.PASSWORD)) {
        return ConditionEvaluationResult.enabled("PostgreSQL answers at " + Server.ADMIN_URL);
      } catch (SQLException e) {
        String why = "No PostgreSQL at " + Server.ADMIN_URL + " (" + e.getMessage() + ")";
        if (Boolean.getBoolean("postgres.required")) {
          throw new IllegalStateException(why + "; -Dpostgres.required=true makes this a failure");
        }
        return ConditionEvaluationResult.disabled(why + "; skipped. CI sets -Dpostgres.required=true.");
      }
    }
  }
}
