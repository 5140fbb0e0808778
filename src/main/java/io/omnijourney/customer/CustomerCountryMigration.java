package io.omnijourney.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway's migration 31, after {@code V30__customer_audience.sql} added the {@code country} column:
 * the country of every phone number stored before, as {@link Customers} sets it from then on. In
 * Java because the country comes from libphonenumber ({@link ContactFormats#country}); Spring Boot
 * hands Flyway every migration bean.
 */
@Component
class CustomerCountryMigration implements JavaMigration {

  private static final int BATCH = 1_000;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("31");
  }

  @Override
  public String getDescription() {
    return "customer country from the phone";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (PreparedStatement select = connection.prepareStatement(
            "SELECT id, phone FROM customer WHERE phone IS NOT NULL AND country IS NULL");
        PreparedStatement update = connection.prepareStatement("UPDATE customer SET country = ? WHERE id = ?")) {
      select.setFetchSize(BATCH);
      int pending = 0;
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String country = ContactFormats.country(rows.getString("phone")).orElse(null);
          if (country != null) {
            update.setString(1, country);
            update.setString(2, rows.getString("id"));
            update.addBatch();
            if (++pending == BATCH) {
              update.executeBatch();
              pending = 0;
            }
          }
        }
      }
      if (pending > 0) {
        update.executeBatch();
      }
    }
  }
}
