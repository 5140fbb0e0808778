package io.omnijourney.channel.sandbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every message the sandbox took, oldest first, as a real provider's message log would show it. */
@Repository
@SandboxEnabled
public class SandboxOutbox {

  /** One message as {@code GET /sandbox/outbox} lists it. */
  @Schema(name = "SandboxOutboxEntry", requiredProperties = {"channel", "recipient", "outcome", "at"})
  public record Entry(String channel, String recipient, String subject, String text, String html,
      String providerMessageId, String outcome, OffsetDateTime at) {}

  private final JdbcClient jdbc;

  public SandboxOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(String channel, String recipient, String subject, String text, String html, String providerMessageId,
      String reference, String outcome) {
    jdbc.sql("INSERT INTO sandbox_outbox (channel, recipient, subject, body, html, provider_message_id, reference,"
            + " outcome, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(channel, recipient, subject, text, html, providerMessageId, reference, outcome,
            OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  /** The provider message id of a message the sandbox took with this client reference. */
  Optional<String> acceptedWithReference(String reference) {
    return jdbc.sql("SELECT provider_message_id FROM sandbox_outbox WHERE reference = ?"
            + " AND provider_message_id IS NOT NULL ORDER BY id")
        .param(reference)
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }

  public List<Entry> list(String channel, String recipient) {
    // Conditions are added only when set: PostgreSQL cannot type a bare "? IS NULL".
    StringBuilder sql = new StringBuilder(
        "SELECT channel, recipient, subject, body, html, provider_message_id, outcome, sent_at FROM sandbox_outbox"
            + " WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (channel != null && !channel.isBlank()) {
      sql.append(" AND channel = :channel");
      params.put("channel", channel);
    }
    if (recipient != null && !recipient.isBlank()) {
      sql.append(" AND recipient = :recipient");
      params.put("recipient", recipient);
    }
    return jdbc.sql(sql.append(" ORDER BY id").toString())
        .params(params)
        .query((rs, row) -> new Entry(
            rs.getString("channel"),
            rs.getString("recipient"),
            rs.getString("subject"),
            rs.getString("body"),
            rs.getString("html"),
            rs.getString("provider_message_id"),
            rs.getString("outcome"),
            rs.getObject("sent_at", OffsetDateTime.class)))
        .list();
  }

  public void clear() {
    jdbc.sql("DELETE FROM sandbox_outbox").update();
  }
}
