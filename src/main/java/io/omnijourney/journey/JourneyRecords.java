package io.omnijourney.journey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our record of each journey, written in the engine's transaction when it starts and ends. */
@Repository
public class JourneyRecords {

  /** One journey row. */
  public record Journey(String id, String playbook, String processDefinitionId, String businessKey,
      String customerId, JourneyStatus status, OffsetDateTime createdAt, OffsetDateTime endedAt) {}

  private final JdbcClient jdbc;

  public JourneyRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void started(String id, String playbook, String processDefinitionId, String businessKey, String customerId) {
    jdbc.sql("INSERT INTO journey (id, playbook, process_definition_id, business_key, customer_id, status, created_at)"
            + " VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)")
        .params(id, playbook, processDefinitionId, businessKey, customerId, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  void ended(String id, JourneyStatus status) {
    jdbc.sql("UPDATE journey SET status = ?, ended_at = ? WHERE id = ?")
        .params(status.name(), OffsetDateTime.now(ZoneOffset.UTC), id)
        .update();
  }

  public Optional<Journey> find(String id) {
    return jdbc.sql("SELECT id, playbook, process_definition_id, business_key, customer_id, status, created_at,"
            + " ended_at FROM journey WHERE id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  private Journey map(ResultSet rs, int row) throws SQLException {
    return new Journey(
        rs.getString("id"),
        rs.getString("playbook"),
        rs.getString("process_definition_id"),
        rs.getString("business_key"),
        rs.getString("customer_id"),
        JourneyStatus.valueOf(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("ended_at", OffsetDateTime.class));
  }
}
