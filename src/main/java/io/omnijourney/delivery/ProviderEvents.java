package io.omnijourney.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The provider events: every report a provider sends, stored durably before anything else happens to
 * it, once per provider event identity.
 */
@Repository
public class ProviderEvents {

  /** RECEIVED: stored, not yet matched to a delivery. APPLIED/IGNORED: matched, status moved or not. DEAD: never will match. */
  public enum State { RECEIVED, APPLIED, IGNORED, DEAD }

  /** A stored report that still has to be applied. */
  public record Pending(String provider, String eventId, String providerMessageId, DeliveryStatus status,
      OffsetDateTime receivedAt) {}

  private final JdbcClient jdbc;

  public ProviderEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a report; returns false when the provider already sent this event. */
  public boolean store(String provider, ProviderReport report, String payload, State state, String note) {
    try {
      jdbc.sql("INSERT INTO webhook_event (provider, event_id, provider_message_id, reported_status, occurred_at,"
              + " received_at, payload, state, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(provider, report.eventId(), report.providerMessageId(),
              report.status() == null ? null : report.status().name(), report.occurredAt(), DeliveryLedger.now(),
              payload, state.name(), note)
          .update();
      return true;
    } catch (DuplicateKeyException duplicate) {
      return false;
    }
  }

  /**
   * Records what became of a received report, once. The webhook, the sweeper and a send that has
   * just recorded the provider's id may each apply the same report: the one whose status change
   * counted settles first (its ledger update and this run in one transaction, and the others' ledger
   * update waits for it), so a later "status stays" must not overwrite its APPLIED.
   */
  public void settle(String provider, String eventId, String deliveryId, State state, String note) {
    jdbc.sql("UPDATE webhook_event SET state = ?, delivery_id = ?, note = ? WHERE provider = ? AND event_id = ?"
            + " AND state = 'RECEIVED'")
        .params(state.name(), deliveryId, note, provider, eventId)
        .update();
  }

  /** Reports that came before the send recorded the provider's message id. */
  public List<Pending> findReceived(String provider, String providerMessageId) {
    return jdbc.sql("SELECT provider, event_id, provider_message_id, reported_status, received_at FROM webhook_event"
            + " WHERE state = 'RECEIVED' AND provider = ? AND provider_message_id = ? ORDER BY id")
        .params(provider, providerMessageId)
        .query(this::pending)
        .list();
  }

  /** Reports still unmatched, oldest first: the sweeper's work. */
  public List<Pending> findReceived(int limit) {
    return jdbc.sql("SELECT provider, event_id, provider_message_id, reported_status, received_at FROM webhook_event"
            + " WHERE state = 'RECEIVED' ORDER BY id FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query(this::pending)
        .list();
  }

  /** Reports no delivery claimed in time become dead letters: visible to operators, never retried. */
  public int expireReceivedBefore(OffsetDateTime cutoff) {
    return jdbc.sql("UPDATE webhook_event SET state = 'DEAD', note = 'matched no delivery'"
            + " WHERE state = 'RECEIVED' AND received_at < ?")
        .param(cutoff)
        .update();
  }

  public long count(String provider) {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE provider = ?").param(provider).query(Long.class).single();
  }

  private Pending pending(ResultSet rs, int row) throws SQLException {
    return new Pending(
        rs.getString("provider"),
        rs.getString("event_id"),
        rs.getString("provider_message_id"),
        DeliveryStatus.valueOf(rs.getString("reported_status")),
        rs.getObject("received_at", OffsetDateTime.class));
  }
}
