package io.omnijourney.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox's read model: one row per conversation, its labels, operators' replies and calls.
 * The support-conversation journey writes it through its delegates, in the engine's transaction;
 * the API reads it. Times come from the engine's clock, so that tests that move the clock see
 * conversations age with it.
 */
@Repository
public class Conversations {

  /** A filter of the list; null fields match everything. {@code queues} limits an operator to theirs. */
  public record Filter(Set<ConversationStatus> statuses, String queue, String assignee, boolean unassigned, String label,
      String customerId, Collection<String> queues) {}

  /** A queue's unresolved conversations: how many, waiting for whom, with no owner, breached. */
  public record QueueLoad(String queue, int open, int waitingForCustomer, int unassigned, int breached) {}

  /** An operator's reply as the thread shows it. */
  public record Reply(String id, String author, String channel, String template, String text, OffsetDateTime at) {}

  /** A logged call. */
  public record Call(String author, String outcome, String summary, Integer durationSeconds, OffsetDateTime at) {}

  private final JdbcClient jdbc;

  public Conversations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
  }

  void open(String id, String journeyId, String customerId, String channel, String queue, String topic,
      boolean repeatContact) {
    OffsetDateTime now = now();
    jdbc.sql("INSERT INTO conversation (id, journey_id, customer_id, channel, status, queue, topic, breached,"
            + " repeat_contact, created_at, last_message_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?)")
        .params(id, journeyId, customerId, channel, ConversationStatus.OPEN.name(), queue, topic, repeatContact, now,
            now)
        .update();
  }

  /** Whether the customer opened a conversation on this topic within {@code since}, besides this one. */
  boolean contactedBefore(String customerId, String topic, OffsetDateTime since, String except) {
    return jdbc.sql("SELECT COUNT(*) FROM conversation WHERE customer_id = ? AND topic = ? AND created_at >= ?"
            + " AND id <> ?")
        .params(customerId, topic, since, except)
        .query(Long.class).single() > 0;
  }

  void status(String id, ConversationStatus status) {
    jdbc.sql("UPDATE conversation SET status = ? WHERE id = ?").params(status.name(), id).update();
  }

  /** An operator's turn: the answer is due at {@code due}; the first one's due time is kept. */
  void awaitingAnswer(String id, OffsetDateTime due) {
    jdbc.sql("UPDATE conversation SET status = ?, first_response_due_at = CASE WHEN first_response_at IS NULL"
            + " THEN ? ELSE first_response_due_at END WHERE id = ?")
        .params(ConversationStatus.OPEN.name(), due, id)
        .update();
  }

  /** Records the away reply; false when the conversation had one already. */
  boolean awayReplied(String id) {
    return jdbc.sql("UPDATE conversation SET away_sent_at = ? WHERE id = ? AND away_sent_at IS NULL")
        .params(now(), id).update() == 1;
  }

  void assignee(String id, String assignee) {
    jdbc.sql("UPDATE conversation SET assignee = ? WHERE id = ?").params(assignee, id).update();
  }

  void breached(String id) {
    jdbc.sql("UPDATE conversation SET breached = TRUE, breached_at = COALESCE(breached_at, ?) WHERE id = ?")
        .params(now(), id).update();
  }

  /** A customer's message joined the conversation, on {@code channel}. */
  void customerWrote(String id, String channel) {
    jdbc.sql("UPDATE conversation SET last_message_at = ?, channel = ? WHERE id = ?")
        .params(now(), channel, id).update();
  }

  void replied(String conversationId, Reply reply) {
    jdbc.sql("INSERT INTO conversation_reply (id, conversation_id, author, channel, template, body, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(reply.id(), conversationId, reply.author(), reply.channel(), reply.template(), reply.text(), reply.at())
        .update();
    jdbc.sql("UPDATE conversation SET last_message_at = ?, first_response_at = COALESCE(first_response_at, ?)"
            + " WHERE id = ?")
        .params(reply.at(), reply.at(), conversationId).update();
  }

  boolean replyExists(String replyId) {
    return jdbc.sql("SELECT COUNT(*) FROM conversation_reply WHERE id = ?").param(replyId).query(Long.class).single() > 0;
  }

  void called(String conversationId, Call call) {
    jdbc.sql("INSERT INTO conversation_call (conversation_id, author, outcome, summary, duration_seconds, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(conversationId, call.author(), call.outcome(), call.summary(), call.durationSeconds(), call.at())
        .update();
  }

  void resolved(String id, String resolution) {
    jdbc.sql("UPDATE conversation SET status = ?, resolved_at = ?, resolution = ? WHERE id = ?")
        .params(ConversationStatus.RESOLVED.name(), now(), resolution, id).update();
  }

  void surveySent(String id) {
    jdbc.sql("UPDATE conversation SET survey_sent_at = ? WHERE id = ?").params(now(), id).update();
  }

  void rated(String id, int score) {
    jdbc.sql("UPDATE conversation SET csat = ?, csat_at = ? WHERE id = ?").params(score, now(), id).update();
  }

  void labels(String id, List<String> labels) {
    jdbc.sql("DELETE FROM conversation_label WHERE conversation_id = ?").param(id).update();
    labels.stream().distinct().forEach(label ->
        jdbc.sql("INSERT INTO conversation_label (conversation_id, label) VALUES (?, ?)").params(id, label).update());
  }

  public Optional<Conversation> find(String id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional().map(this::withLabels);
  }

  /** Locks the conversation's row until the transaction ends: one change at a time. */
  Optional<Conversation> lock(String id) {
    return jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(id).query(this::map).optional().map(this::withLabels);
  }

  /** The customer's conversation that is not resolved, if any (the latest, should there be two). */
  public Optional<Conversation> openOf(String customerId) {
    return jdbc.sql(SELECT + " WHERE customer_id = ? AND status <> 'RESOLVED' ORDER BY created_at DESC"
            + " FETCH FIRST 1 ROWS ONLY")
        .param(customerId).query(this::map).optional().map(this::withLabels);
  }

  /** The conversation a journey is, if it is a support conversation. */
  public Optional<Conversation> ofJourney(String journeyId) {
    return jdbc.sql(SELECT + " WHERE journey_id = ?").param(journeyId).query(this::map).optional()
        .map(this::withLabels);
  }

  public List<Conversation> ofCustomer(String customerId) {
    return withLabels(jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY created_at DESC")
        .param(customerId).query(this::map).list());
  }

  /** Conversations owned by {@code assignee} that are not resolved. */
  List<Conversation> ownedBy(String assignee) {
    return jdbc.sql(SELECT + " WHERE assignee = ? AND status <> 'RESOLVED'").param(assignee).query(this::map).list();
  }

  /** Distinct owners of conversations that are not resolved. */
  List<String> owners() {
    return jdbc.sql("SELECT DISTINCT assignee FROM conversation WHERE assignee IS NOT NULL AND status <> 'RESOLVED'")
        .query(String.class).list();
  }

  /** The list, newest activity first. */
  public List<Conversation> list(Filter filter, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (filter.statuses() != null) {
      where.append(" AND status IN (:statuses)");
      params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
    }
    if (filter.queue() != null) {
      where.append(" AND queue = :queue");
      params.put("queue", filter.queue());
    }
    if (filter.unassigned()) {
      where.append(" AND assignee IS NULL");
    } else if (filter.assignee() != null) {
      where.append(" AND assignee = :assignee");
      params.put("assignee", filter.assignee());
    }
    if (filter.customerId() != null) {
      where.append(" AND customer_id = :customer");
      params.put("customer", filter.customerId());
    }
    if (filter.label() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM conversation_label l WHERE l.conversation_id = conversation.id"
          + " AND l.label = :label)");
      params.put("label", filter.label());
    }
    if (filter.queues() != null) {
      if (filter.queues().isEmpty()) {
        return List.of();
      }
      where.append(" AND queue IN (:queues)");
      params.put("queues", filter.queues());
    }
    return withLabels(jdbc.sql(SELECT + where + " ORDER BY last_message_at DESC, id FETCH FIRST " + limit + " ROWS ONLY")
        .params(params).query(this::map).list());
  }

  /**
   * The load of each of these queues, an empty one too; with {@code others}, also of any other
   * queue that has unresolved conversations (one a decision table names but the settings do not).
   */
  public List<QueueLoad> load(Collection<String> queues, boolean others) {
    Map<String, QueueLoad> byQueue = new java.util.TreeMap<>();
    queues.forEach(q -> byQueue.put(q, new QueueLoad(q, 0, 0, 0, 0)));
    jdbc.sql("SELECT queue, SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN status = 'WAITING_FOR_CUSTOMER' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN assignee IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN breached THEN 1 ELSE 0 END)"
            + " FROM conversation WHERE status <> 'RESOLVED' GROUP BY queue")
        .query((rs, n) -> new QueueLoad(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
        .list().stream()
        .filter(load -> others || queues.contains(load.queue()))
        .forEach(load -> byQueue.put(load.queue(), load));
    return List.copyOf(byQueue.values());
  }

  public List<Reply> replies(String conversationId) {
    return jdbc.sql("SELECT id, author, channel, template, body, created_at FROM conversation_reply"
            + " WHERE conversation_id = ? ORDER BY created_at, id")
        .param(conversationId)
        .query((rs, row) -> new Reply(rs.getString("id"), rs.getString("author"), rs.getString("channel"),
            rs.getString("template"), rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class)))
        .list();
  }

  public List<Call> calls(String conversationId) {
    return jdbc.sql("SELECT author, outcome, summary, duration_seconds, created_at FROM conversation_call"
            + " WHERE conversation_id = ? ORDER BY created_at, id")
        .param(conversationId)
        .query((rs, row) -> new Call(rs.getString("author"), rs.getString("outcome"), rs.getString("summary"),
            (Integer) rs.getObject("duration_seconds", Integer.class), rs.getObject("created_at", OffsetDateTime.class)))
        .list();
  }

  /** Clears operators' words older than {@code before}; the rows stay for the counts. */
  int forgetTextBefore(OffsetDateTime before) {
    return jdbc.sql("UPDATE conversation_reply SET body = NULL WHERE created_at < ? AND body IS NOT NULL")
        .param(before).update()
        + jdbc.sql("UPDATE conversation_call SET summary = NULL WHERE created_at < ? AND summary IS NOT NULL")
        .param(before).update()
        + jdbc.sql("UPDATE conversation SET resolution = NULL WHERE created_at < ? AND resolution IS NOT NULL")
        .param(before).update();
  }

  private static final String SELECT = "SELECT id, journey_id, customer_id, channel, status, queue, topic, assignee,"
      + " first_response_due_at, first_response_at, breached, repeat_contact, created_at, last_message_at,"
      + " resolved_at, resolution, csat FROM conversation";

  private Conversation map(ResultSet rs, int row) throws SQLException {
    String id = rs.getString("id");
    return new Conversation(id, Conversation.ticketNumberOf(id), rs.getString("journey_id"),
        rs.getString("customer_id"), rs.getString("channel"), ConversationStatus.valueOf(rs.getString("status")),
        rs.getString("queue"), rs.getString("assignee"), List.of(), rs.getString("topic"),
        rs.getObject("first_response_due_at", OffsetDateTime.class),
        rs.getObject("first_response_at", OffsetDateTime.class), rs.getBoolean("breached"),
        rs.getBoolean("repeat_contact"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("last_message_at", OffsetDateTime.class), rs.getObject("resolved_at", OffsetDateTime.class),
        rs.getString("resolution"), (Integer) rs.getObject("csat", Integer.class));
  }

  private Conversation withLabels(Conversation c) {
    return withLabels(List.of(c)).get(0);
  }

  private List<Conversation> withLabels(List<Conversation> conversations) {
    if (conversations.isEmpty()) {
      return conversations;
    }
    Map<String, List<String>> labels = new HashMap<>();
    jdbc.sql("SELECT conversation_id, label FROM conversation_label WHERE conversation_id IN (:ids) ORDER BY label")
        .param("ids", conversations.stream().map(Conversation::conversationId).toList())
        .query((rs, row) -> labels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
        .list();
    return conversations.stream().map(c -> new Conversation(c.conversationId(), c.ticketNumber(), c.journeyId(),
        c.customerId(), c.channel(), c.status(), c.queue(), c.assignee(),
        List.copyOf(labels.getOrDefault(c.conversationId(), List.of())), c.topic(), c.firstResponseDueAt(),
        c.firstResponseAt(), c.breached(), c.repeatContact(), c.createdAt(), c.lastMessageAt(), c.resolvedAt(),
        c.resolution(), c.csat())).toList();
  }
}
