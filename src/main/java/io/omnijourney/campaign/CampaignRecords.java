package io.omnijourney.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The campaign tables: {@code campaign}, its listed audience and its members, read and written in the caller's transaction. */
@Repository
class CampaignRecords {

  /** What became of one customer of a campaign. */
  enum Outcome { STARTED, SKIPPED, FAILED }

  private static final String COLUMNS = "id, name, playbook, segment, variables_json, start_at, rate_per_second,"
      + " status, audience_size, cursor_id, batch_seq, next_batch_at, job_id, created_by, created_at, started_at,"
      + " ended_at";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;
  private final ObjectMapper json;

  CampaignRecords(JdbcClient jdbc, NamedParameterJdbcTemplate named, ObjectMapper json) {
    this.jdbc = jdbc;
    this.named = named;
    this.json = json;
  }

  void insert(Campaign c) {
    jdbc.sql("INSERT INTO campaign (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(c.id(), c.name(), c.playbook(), c.segment(), text(c.variables()), utc(c.startAt()), c.ratePerSecond(),
            c.status().name(), c.audienceSize(), c.cursor(), c.batchSeq(), utc(c.nextBatchAt()), c.jobId(),
            c.createdBy(), c.createdAt(), utc(c.startedAt()), utc(c.endedAt()))
        .update();
  }

  /** Writes what a batch, a pause, a resume or a cancellation changed. */
  void update(Campaign c) {
    jdbc.sql("UPDATE campaign SET status = ?, audience_size = ?, cursor_id = ?, batch_seq = ?, next_batch_at = ?,"
            + " job_id = ?, started_at = ?, ended_at = ? WHERE id = ?")
        .params(c.status().name(), c.audienceSize(), c.cursor(), c.batchSeq(), utc(c.nextBatchAt()), c.jobId(),
            utc(c.startedAt()), utc(c.endedAt()), c.id())
        .update();
  }

  Optional<Campaign> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = ?").param(id).query(this::map).optional();
  }

  /**
   * The campaign, its row locked until the transaction ends: batches, pauses, resumes and
   * cancellations of one campaign happen one after the other, whichever node runs them.
   */
  Optional<Campaign> lock(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = ? FOR UPDATE").param(id).query(this::map)
        .optional();
  }

  /** The newest campaigns first, at most {@code limit}. */
  List<Campaign> latest(int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campaign ORDER BY created_at DESC, id FETCH FIRST " + limit
        + " ROWS ONLY").query(this::map).list();
  }

  /** Lists the customers of a campaign whose audience is a list, each once. */
  void insertAudience(String campaignId, Collection<String> customerIds) {
    SqlParameterSource[] rows = customerIds.stream()
        .map(id -> new MapSqlParameterSource("campaign", campaignId).addValue("customer", id))
        .toArray(SqlParameterSource[]::new);
    named.batchUpdate("INSERT INTO campaign_audience (campaign_id, customer_id) VALUES (:campaign, :customer)", rows);
  }

  /** A page of a listed audience in id order, after {@code afterId} (null: from the first). */
  List<String> audiencePage(String campaignId, String afterId, int limit) {
    return jdbc.sql("SELECT customer_id FROM campaign_audience WHERE campaign_id = ? AND customer_id > ?"
            + " ORDER BY customer_id FETCH FIRST " + limit + " ROWS ONLY")
        .params(campaignId, afterId == null ? "" : afterId).query(String.class).list();
  }

  boolean isMember(String campaignId, String customerId) {
    return jdbc.sql("SELECT COUNT(*) FROM campaign_member WHERE campaign_id = ? AND customer_id = ?")
        .params(campaignId, customerId).query(Long.class).single() > 0;
  }

  /**
   * Records what became of the customer; a second record of one customer breaks the primary key, and
   * its whole batch rolls back.
   */
  void addMember(String campaignId, String customerId, Outcome outcome, String journeyId, String reason, Instant at) {
    jdbc.sql("INSERT INTO campaign_member (campaign_id, customer_id, outcome, journey_id, reason, handled_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(campaignId, customerId, outcome.name(), journeyId, reason, utc(at))
        .update();
  }

  /** How many of the campaign's customers came to each outcome. */
  Map<Outcome, Long> outcomes(String campaignId) {
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, 0L);
    }
    jdbc.sql("SELECT outcome, COUNT(*) AS n FROM campaign_member WHERE campaign_id = ? GROUP BY outcome")
        .param(campaignId)
        .query(rs -> {
          counts.put(Outcome.valueOf(rs.getString("outcome")), rs.getLong("n"));
        });
    return counts;
  }

  /** How many customers the campaign handled. */
  long members(String campaignId) {
    return jdbc.sql("SELECT COUNT(*) FROM campaign_member WHERE campaign_id = ?").param(campaignId)
        .query(Long.class).single();
  }

  private Campaign map(ResultSet rs, int row) throws SQLException {
    return new Campaign(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("playbook"),
        rs.getString("segment"),
        variables(rs.getString("variables_json")),
        instant(rs, "start_at"),
        rs.getDouble("rate_per_second"),
        CampaignStatus.valueOf(rs.getString("status")),
        rs.getLong("audience_size"),
        rs.getString("cursor_id"),
        rs.getInt("batch_seq"),
        instant(rs, "next_batch_at"),
        rs.getString("job_id"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class),
        instant(rs, "started_at"),
        instant(rs, "ended_at"));
  }

  private String text(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A campaign's variables could not be written as JSON", e);
    }
  }

  private Map<String, Object> variables(String text) {
    try {
      return json.readValue(text, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A campaign's variables are not readable", e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
