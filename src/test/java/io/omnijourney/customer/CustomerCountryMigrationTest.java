package io.omnijourney.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.JourneyTest;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Migration 31 gives the profiles stored before the country column the country of their phone. */
class CustomerCountryMigrationTest extends JourneyTest {

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  @Test
  void profilesStoredBeforeTheColumnGetTheirPhonesCountry() throws Exception {
    String iran = "old-" + UUID.randomUUID();
    String russia = "old-" + UUID.randomUUID();
    String noPhone = "old-" + UUID.randomUUID();
    for (String[] row : new String[][] {{iran, "+989121234567"}, {russia, "+79161234567"}, {noPhone, null}}) {
      jdbc.sql("INSERT INTO customer (id, phone, created_at, updated_at) VALUES (?, ?, ?, ?)")
          .params(row[0], row[1], OffsetDateTime.now(), OffsetDateTime.now()).update();
    }

    try (Connection connection = dataSource.getConnection()) {
      new CustomerCountryMigration().migrate(new Context() {
        @Override
        public Configuration getConfiguration() {
          return null;
        }

        @Override
        public Connection getConnection() {
          return connection;
        }
      });
    }

    assertThat(country(iran)).isEqualTo("IR");
    assertThat(country(russia)).isEqualTo("RU");
    assertThat(country(noPhone)).isNull();
  }

  private String country(String id) {
    return jdbc.sql("SELECT country FROM customer WHERE id = ?").param(id).query(String.class).optional().orElse(null);
  }
}
