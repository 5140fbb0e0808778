package io.omnijourney.delivery;

import io.omnijourney.channel.Channel;
import io.omnijourney.delivery.Delivery.Correlation;
import io.omnijourney.delivery.Delivery.WaitFor;
import io.omnijourney.delivery.Delivery.WaitState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery ledger's SQL. Every status change is a conditional UPDATE, so concurrent reports,
 * retries and timers settle on one answer without locks held across calls. Only this package
 * writes it; providers reach it through {@link DeliveryReports}.
 */
@Repository
class DeliveryLedger {

  private static final String COLUMNS =
      "id, journey_id, activity_id, customer_id, channel, provider, template, recipient_masked,"
          + " status, provider_message_id, segments, in_flight, attempts, wait_state, wait_for, wait_execution_id, correlation,"
          + " error_code, error_message, policy_note, created_at, updated_at";

  private final JdbcClient jdbc;

  public DeliveryLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What a send task asks for; {@code sendKey} is stable across retries of the same task execution. */
  public record NewDelivery(
      String sendKey, String journeyId, String activityId, String customerId, Channel channel, String template,
      String policyNote, String messageRef) {

    public NewDelivery(String sendKey, String journeyId, String activityId, String customerId, Channel channel,
        String template, String policyNote) {
      this(sendKey, journeyId, activityId, customerId, channel, template, policyNote, null);
    }
  }

  public Optional<Delivery> findBySendKey(String sendKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE send_key = ?").param(sendKey).query(this::map).optional();
  }

  /**
   * Marks that a provider call is about to start, creating the row the first time: if the answer
   * is lost, the next attempt knows. One statement in the common case, so one commit.
   */
  public void startAttempt(NewDelivery request, String id, String provider, String recipientMasked, Integer segments) {
    int updated = jdbc.sql("UPDATE delivery SET in_flight = TRUE, attempts = attempts + 1, provider = ?,"
            + " recipient_masked = ?, segments = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'")
        .params(provider, recipientMasked, segments, now(), id)
        .update();
    if (updated == 0) {
      insert(request, id, "PENDING", true, provider, recipientMasked, segments, null, null);
    }
  }

  /** Records a send no provider could take (no customer, no address), creating the row the first time. */
  public void rejectBeforeSending(NewDelivery request, String id, String code, String message) {
    if (find(id).isPresent()) {
      recordRejected(id, code, message);
    } else {
      insert(request, id, "REJECTED", false, null, null, null, code, message);
    }
  }

  private void insert(NewDelivery request, String id, String status, boolean inFlight, String provider,
      String recipientMasked, Integer segments, String errorCode, String errorMessage) {
    OffsetDateTime now = now();
    jdbc.sql("INSERT INTO delivery (id, send_key, journey_id, activity_id, customer_id, channel, template, status,"
            + " provider, recipient_masked, segments, in_flight, attempts, wait_state, error_code, error_message,"
            + " policy_note, message_ref, created_at, updated_at) VALUES (:id, :sendKey, :journeyId, :activityId,"
            + " :customerId, :channel, :template, :status, :provider, :recipient, :segments, :inFlight, :attempts,"
            + " 'NONE', :errorCode, :errorMessage, :policyNote, :messageRef, :now, :now)")
        .param("policyNote", request.policyNote(), Types.VARCHAR)
        .param("messageRef", request.messageRef(), Types.VARCHAR)
        .param("id", id)
        .param("sendKey", request.sendKey())
        .param("journeyId", request.journeyId())
        .param("activityId", request.activityId())
        .param("customerId", request.customerId())
        .param("channel", request.channel().id())
        .param("template", request.template())
        .param("status", status)
        .param("provider", provider)
        .param("recipient", recipientMasked)
        .param("segments", segments, Types.INTEGER)
        .param("inFlight", inFlight)
        .param("attempts", inFlight ? 1 : 0)
        .param("errorCode", errorCode)
        .param("errorMessage", truncate(errorMessage))
        .param("now", now)
        .update();
  }

  public Optional<Delivery> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE id = ?").param(id).query(this::map).optional();
  }

  public Optional<Delivery> findByProviderMessage(String provider, String providerMessageId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE provider = ? AND provider_message_id = ?")
        .params(provider, providerMessageId)
        .query(this::map)
        .optional();
  }

  public List<Delivery> findByJourney(String journeyId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE journey_id = ? ORDER BY created_at, id")
        .param(journeyId)
        .query(this::map)
        .list();
  }

  /** The delivery on this channel that a provider knows by this id, whichever provider took it. */
  Optional<Delivery> findByChannelMessage(Channel channel, String providerMessageId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE channel = ? AND provider_message_id = ?"
            + " ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")
        .params(channel.id(), providerMessageId)
        .query(this::map)
        .optional();
  }

  List<Delivery> findByMessageRef(String messageRef) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE message_ref = ? ORDER BY created_at, id")
        .param(messageRef)
        .query(this::map)
        .list();
  }


  /** The step of a journey that sent this message: its playbook and send task. */
  public record SentStep(String playbook, String activityId) {}

  /**
   * Before a journey sends a message again: if its last send of the same template went out on
   * another channel, that delivery fell back. Marks it, and returns its step.
   */
  public Optional<SentStep> markFellBack(String journeyId, String template, Channel channel) {
    record Previous(String id, String channel, SentStep step) {}
    Optional<Previous> previous = jdbc.sql("SELECT d.id, d.channel, j.playbook, d.activity_id FROM delivery d"
            + " JOIN journey j ON j.id = d.journey_id WHERE d.journey_id = ? AND d.template = ?"
            + " ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 1 ROWS ONLY")
        .params(journeyId, template)
        .query((rs, row) -> new Previous(rs.getString("id"), rs.getString("channel"),
            new SentStep(rs.getString("playbook"), rs.getString("activity_id"))))
        .optional()
        .filter(p -> !p.channel().equals(channel.id()));
    previous.ifPresent(p -> jdbc.sql("UPDATE delivery SET fell_back = TRUE WHERE id = ?").param(p.id()).update());
    return previous.map(Previous::step);
  }

  public void recordAccepted(String id, String providerMessageId) {
    jdbc.sql("UPDATE delivery SET in_flight = FALSE, provider_message_id = ?, error_code = NULL, error_message = NULL,"
            + " status = CASE WHEN status IN ('PENDING', 'UNCERTAIN') THEN 'ACCEPTED' ELSE status END,"
            + " updated_at = ? WHERE id = ?")
        .params(providerMessageId, now(), id)
        .update();
  }

  /** The provider may or may not have the message and cannot tell us: never send it again. */
  public void recordUncertain(String id) {
    jdbc.sql("UPDATE delivery SET in_flight = FALSE, status = 'UNCERTAIN', updated_at = ? WHERE id = ? AND status = 'PENDING'")
        .params(now(), id)
        .update();
  }

  public void recordRejected(String id, String code, String message) {
    jdbc.sql("UPDATE delivery SET in_flight = FALSE, status = 'REJECTED', error_code = ?, error_message = ?,"
            + " updated_at = ? WHERE id = ? AND status = 'PENDING'")
        .params(code, truncate(message), now(), id)
        .update();
  }

  /** A transient or configuration error: nothing was sent, the next attempt may send. */
  public void recordNotSent(String id, String code, String message) {
    jdbc.sql("UPDATE delivery SET in_flight = FALSE, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?")
        .params(code, truncate(message), now(), id)
        .update();
  }

  /** Moves the status forward if {@code next} is a forward move from the current one. */
  public boolean advance(String id, DeliveryStatus next) {
    List<String> from = DeliveryStatus.movableTo(next).stream().map(Enum::name).toList();
    return jdbc.sql("UPDATE delivery SET status = :next, updated_at = :now WHERE id = :id AND status IN (:from)")
            .param("next", next.name())
            .param("now", now())
            .param("id", id)
            .param("from", from)
            .update()
        == 1;
  }

  /** Runs in the engine's transaction: the journey now waits for this delivery's report, in that execution. */
  public void waitStarted(String id, String executionId, WaitFor waitFor) {
    jdbc.sql("UPDATE delivery SET wait_state = 'WAITING', wait_for = ?, wait_execution_id = ?, updated_at = ?"
            + " WHERE id = ?")
        .params(waitFor.name(), executionId, now(), id)
        .update();
  }

  /** Runs in the engine's transaction: the journey left the wait, by a report, a timer or anything else. */
  public void waitEnded(String id) {
    jdbc.sql("UPDATE delivery SET wait_state = 'ENDED', updated_at = ? WHERE id = ?").params(now(), id).update();
  }

  /**
   * Claims the one correlation of this delivery. The row lock it takes serialises concurrent
   * attempts: the second sees the first's result.
   */
  public boolean claimCorrelation(String id) {
    return jdbc.sql("UPDATE delivery SET correlation = 'CORRELATED', updated_at = ?"
                + " WHERE id = ? AND correlation IS NULL AND wait_state = 'WAITING'")
            .params(now(), id)
            .update()
        == 1;
  }

  public boolean markLate(String id) {
    return jdbc.sql("UPDATE delivery SET correlation = 'LATE', updated_at = ?"
                + " WHERE id = ? AND correlation IS NULL AND wait_state = 'ENDED'")
            .params(now(), id)
            .update()
        == 1;
  }

  /** Records that the waiting journey has no path for the delivery's outcome; false if the row moved on. */
  public boolean markUncaught(String id) {
    return jdbc.sql("UPDATE delivery SET correlation = 'UNCAUGHT', updated_at = ?"
                + " WHERE id = ? AND correlation IS NULL AND wait_state = 'WAITING'")
            .params(now(), id)
            .update()
        == 1;
  }

  /** Deliveries with an outcome that the engine has not yet heard of: the sweeper's work. */
  public List<String> findUnsettled(int limit) {
    return jdbc.sql("SELECT id FROM delivery WHERE wait_state IN ('WAITING', 'ENDED') AND correlation IS NULL"
            + " AND status IN ('DELIVERED', 'READ', 'FAILED', 'UNDELIVERED')"
            + " AND (wait_for = 'DELIVERY' OR status <> 'DELIVERED') ORDER BY updated_at FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query(String.class)
        .list();
  }

  /**
   * A provider's deliveries that are still on their way (accepted or sent, with the provider's
   * message id) and were created since {@code since}, oldest first: the work of a poller for a
   * provider that has no delivery webhook.
   */
  public List<Delivery> awaitingReports(String provider, OffsetDateTime since, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE provider = ? AND status IN ('ACCEPTED', 'SENT')"
            + " AND provider_message_id IS NOT NULL AND created_at >= ?"
            + " ORDER BY created_at, id FETCH FIRST ? ROWS ONLY")
        .params(provider, since, limit)
        .query(this::map)
        .list();
  }

  private Delivery map(ResultSet rs, int row) throws SQLException {
    String correlation = rs.getString("correlation");
    return new Delivery(
        rs.getString("id"),
        rs.getString("journey_id"),
        rs.getString("activity_id"),
        rs.getString("customer_id"),
        Channel.fromId(rs.getString("channel")).orElseThrow(),
        rs.getString("provider"),
        rs.getString("template"),
        rs.getString("recipient_masked"),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getString("provider_message_id"),
        rs.getObject("segments", Integer.class),
        rs.getBoolean("in_flight"),
        rs.getInt("attempts"),
        WaitState.valueOf(rs.getString("wait_state")),
        WaitFor.valueOf(rs.getString("wait_for")),
        rs.getString("wait_execution_id"),
        correlation == null ? null : Correlation.valueOf(correlation),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getString("policy_note"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
