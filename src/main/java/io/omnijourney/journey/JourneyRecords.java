package io.omnijourney.journey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our record of each journey, written in the engine's transaction when it starts and ends. */
@Repository
public class JourneyRecords {

  /**
   * One journey row. {@code campaignId}: the campaign that started it, if one did; {@code variant}: the
   * variant of an A/B split it took, once it took one.
   */
  public record Journey(String id, String playbook, String processDefinitionId, String businessKey,
      String customerId, JourneyStatus status, String outcome, OffsetDateTime createdAt, OffsetDateTime endedAt,
      String campaignId, String variant) {}

  /**
   * The customer's message that reached a journey as its reply: the inbox row (where the text
   * stays), its channel, when they wrote it, and whether it was an opt-out keyword rather than feedback.
   */
  public record Reply(long messageId, String channel, OffsetDateTime repliedAt, boolean optOut) {}

  private final JdbcClient jdbc;

  public JourneyRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void started(String id, String playbook, String processDefinitionId, String businessKey, String customerId,
      String campaignId) {
    jdbc.sql("INSERT INTO journey (id, playbook, process_definition_id, business_key, customer_id, campaign_id,"
            + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)")
        .params(id, playbook, processDefinitionId, businessKey, customerId, campaignId,
            OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  /** Records the variant of an A/B split the journey took; a later split of the same journey replaces it. */
  void variant(String id, String variant) {
    jdbc.sql("UPDATE journey SET variant = ? WHERE id = ?").params(variant, id).update();
  }

  void ended(String id, JourneyStatus status) {
    jdbc.sql("UPDATE journey SET status = ?, ended_at = ? WHERE id = ?")
        .params(status.name(), OffsetDateTime.now(ZoneOffset.UTC), id)
        .update();
  }

  /** What the journey's end means to the application: its end event's journeyOutcome. */
  void outcome(String id, String outcome) {
    jdbc.sql("UPDATE journey SET outcome = ? WHERE id = ?").params(outcome, id).update();
  }

  /** The ids of a customer's running journeys that started no later than {@code startedBy}. */
  List<String> activeOf(String customerId, OffsetDateTime startedBy) {
    return jdbc.sql("SELECT id FROM journey WHERE customer_id = ? AND status = 'ACTIVE' AND created_at <= ?")
        .params(customerId, startedBy)
        .query(String.class)
        .list();
  }

  /** Records the reply that reached a journey; the latest one wins. */
  void replied(String id, Reply reply) {
    jdbc.sql("UPDATE journey SET reply_message_id = ?, reply_channel = ?, replied_at = ?, reply_opt_out = ? WHERE id = ?")
        .params(reply.messageId(), reply.channel(), reply.repliedAt(), reply.optOut(), id)
        .update();
  }

  /** The reply recorded for a journey, if one reached it. */
  public Optional<Reply> reply(String id) {
    return jdbc.sql("SELECT reply_message_id, reply_channel, replied_at, reply_opt_out FROM journey"
            + " WHERE id = ? AND reply_message_id IS NOT NULL")
        .param(id)
        .query((rs, row) -> new Reply(rs.getLong("reply_message_id"), rs.getString("reply_channel"),
            rs.getObject("replied_at", OffsetDateTime.class), rs.getBoolean("reply_opt_out")))
        .optional();
  }

  /** A customer's journeys, newest first, at most {@code limit}. */
  public List<Journey> ofCustomer(String customerId, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM journey WHERE customer_id = ? ORDER BY created_at DESC FETCH FIRST "
            + limit + " ROWS ONLY")
        .param(customerId)
        .query(this::map)
        .list();
  }

  /** How many of the journeys a campaign started ended FAILED (no channel reached the customer). */
  public long failedOfCampaign(String campaignId) {
    return jdbc.sql("SELECT COUNT(*) FROM journey WHERE campaign_id = ? AND status = 'FAILED'").param(campaignId)
        .query(Long.class).single();
  }

  /** Whether this inbox message reached a journey as its reply. */
  public boolean answeredBy(long messageId) {
    return jdbc.sql("SELECT COUNT(*) FROM journey WHERE reply_message_id = ?").param(messageId)
        .query(Long.class).single() > 0;
  }

  public Optional<Journey> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM journey WHERE id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  private static final String COLUMNS = "id, playbook, process_definition_id, business_key, customer_id, status, outcome,"
      + " created_at, ended_at, campaign_id, variant";

  private Journey map(ResultSet rs, int row) throws SQLException {
    return new Journey(
        rs.getString("id"),
        rs.getString("playbook"),
        rs.getString("process_definition_id"),
        rs.getString("business_key"),
        rs.getString("customer_id"),
        JourneyStatus.valueOf(rs.getString("status")),
        rs.getString("outcome"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("ended_at", OffsetDateTime.class),
        rs.getString("campaign_id"),
        rs.getString("variant"));
  }
}
