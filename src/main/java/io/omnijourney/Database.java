package io.omnijourney;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which database the application runs on, for the few statements whose SQL differs between H2 (the
 * first-run default and the tests) and PostgreSQL (production). Asked once, on first use.
 */
@Component
public class Database {

  private final JdbcClient jdbc;
  private volatile Boolean postgres;

  public Database(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isPostgres() {
    if (postgres == null) {
      postgres = jdbc.sql("SELECT 1").query((rs, row) -> rs.getStatement().getConnection().getMetaData()
          .getDatabaseProductName()).single().toLowerCase().contains("postgres");
    }
    return postgres;
  }
}
