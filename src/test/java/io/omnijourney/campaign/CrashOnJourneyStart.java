package io.omnijourney.campaign;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays a node that dies in the middle of a batch, on H2: while it is installed, the start of this
 * customer's journey fails inside the batch's transaction, after the batch has started others.
 */
public class CrashOnJourneyStart implements Trigger {

  private static volatile String customerId;

  /** The {@code journey} table's column that names the customer, counted from 0. */
  private static final int CUSTOMER_ID_COLUMN = 4;

  static void install(JdbcClient jdbc, String customer) {
    customerId = customer;
    jdbc.sql("CREATE TRIGGER crash_on_journey_start BEFORE INSERT ON journey FOR EACH ROW CALL '"
        + CrashOnJourneyStart.class.getName() + "'").update();
  }

  static void remove(JdbcClient jdbc) {
    jdbc.sql("DROP TRIGGER IF EXISTS crash_on_journey_start").update();
    customerId = null;
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    if (newRow != null && newRow[CUSTOMER_ID_COLUMN] != null && newRow[CUSTOMER_ID_COLUMN].equals(customerId)) {
      throw new SQLException("The node died while starting a campaign's journey (played by a test)");
    }
  }
}
