package io.omnijourney.inbox;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.customer.Customers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Messages customers send us on any channel (a Telegram update, a WhatsApp message), kept for the
 * support inbox and for replies. Each provider webhook that receives one hands it here after its
 * signature check; the same provider event (Telegram's {@code update_id}, WhatsApp's message id)
 * is stored once, however often the provider repeats it.
 *
 * <p>The sender is matched to a profile by their address on the channel (a Telegram chat id is the
 * profile's {@code telegram_chat_id}); a sender we do not know is kept without a customer.
 *
 * <p>A new message from a known customer is a reply for the journeys waiting for one: it is stored
 * with the reply state {@code PENDING} and announced as {@link CustomerWrote} (after the commit, when
 * the caller has a transaction). Whoever correlates it first {@link #claimReply claims} it in the
 * transaction that tells the engine; a message left {@code PENDING} (a crash in between) is found
 * again by {@link #pendingReplies}.
 */
@Repository
public class CustomerMessages {

  /** One message as a provider delivered it. {@code sentAt} is the provider's time, if it gave one. */
  public record Received(
      Channel channel, String provider, String providerEventId, String senderRef, String text, OffsetDateTime sentAt) {

    @Override
    public String toString() {
      return "Received[" + provider + " " + providerEventId + " on " + channel.id() + " from "
          + Mask.recipient(senderRef) + "]";
    }
  }

  /** A stored message, as the inbox shows it. */
  public record Stored(
      long id,
      Channel channel,
      String provider,
      String providerEventId,
      String customerId,
      String senderRef,
      String text,
      OffsetDateTime sentAt,
      OffsetDateTime receivedAt) {

    @Override
    public String toString() {
      return "Stored[" + id + ", " + provider + " " + providerEventId + ", customer " + customerId + "]";
    }
  }

  /** Published when a known customer's message is stored for the first time. */
  public record CustomerWrote(long messageId, String customerId) {}

  static final String REPLY_PENDING = "PENDING";
  static final String REPLY_CORRELATED = "CORRELATED";

  private final JdbcClient jdbc;
  private final Customers customers;
  private final ApplicationEventPublisher events;

  public CustomerMessages(JdbcClient jdbc, Customers customers, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.events = events;
  }

  /**
   * Stores a message; returns false when this provider event was stored before. A customer who
   * writes to us on a channel has that channel as their learned one, and their new message is
   * announced as {@link CustomerWrote}; a repeated event announces nothing.
   */
  public boolean store(Received message) {
    String customerId = customerAt(message.channel(), message.senderRef()).orElse(null);
    if (customerId != null) {
      customers.engaged(customerId, message.channel(),
          message.sentAt() != null ? message.sentAt() : OffsetDateTime.now(ZoneOffset.UTC));
    }
    KeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql("INSERT INTO inbound_message (channel, provider, provider_event_id, customer_id, sender_ref, body,"
              + " sent_at, received_at, reply_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(message.channel().id(), message.provider(), message.providerEventId(), customerId,
              message.senderRef(), clip(message.text()), message.sentAt(), OffsetDateTime.now(ZoneOffset.UTC),
              customerId == null ? null : REPLY_PENDING)
          .update(key, "id");
    } catch (DuplicateKeyException duplicate) {
      return false;
    }
    if (customerId != null) {
      events.publishEvent(new CustomerWrote(key.getKeyAs(Number.class).longValue(), customerId));
    }
    return true;
  }

  /** One stored message by its id. */
  public Optional<Stored> byId(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::stored).optional();
  }

  /**
   * Takes a pending reply for correlation; false when it is not pending (someone else took it, or
   * it was never a reply). Call it in the transaction that correlates: a rollback gives it back.
   */
  public boolean claimReply(long id) {
    return jdbc.sql("UPDATE inbound_message SET reply_state = ? WHERE id = ? AND reply_state = ?")
        .params(REPLY_CORRELATED, id, REPLY_PENDING)
        .update() == 1;
  }

  /** Replies still pending that were received after {@code since}, oldest first. */
  public List<Long> pendingReplies(OffsetDateTime since, int limit) {
    return jdbc.sql("SELECT id FROM inbound_message WHERE reply_state = ? AND received_at > ?"
            + " ORDER BY received_at, id FETCH FIRST " + limit + " ROWS ONLY")
        .params(REPLY_PENDING, since)
        .query(Long.class)
        .list();
  }

  /** A customer's messages, oldest first. */
  public List<Stored> ofCustomer(String customerId) {
    return jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY received_at, id")
        .param(customerId)
        .query(this::stored)
        .list();
  }

  /** The message a provider event became, if it was stored. */
  public Optional<Stored> find(String provider, String providerEventId) {
    return jdbc.sql(SELECT + " WHERE provider = ? AND provider_event_id = ?")
        .params(provider, providerEventId)
        .query(this::stored)
        .optional();
  }

  public long count(String provider) {
    return jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE provider = ?").param(provider)
        .query(Long.class).single();
  }

  /**
   * The profile with this address on the channel; the most recently updated one if several share it.
   * On WhatsApp a profile without a WhatsApp number is reached on its phone (as sends are).
   */
  private Optional<String> customerAt(Channel channel, String address) {
    String where = switch (channel) {
      case TELEGRAM -> "telegram_chat_id = :address";
      case WHATSAPP -> "(whatsapp = :address OR (whatsapp IS NULL AND phone = :address))";
      case VIBER -> "viber_id = :address";
      case SMS -> "phone = :address";
      case EMAIL -> "email = :address";
      case PUSH -> null;
    };
    if (where == null || address == null || address.isBlank()) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT id FROM customer WHERE " + where + " ORDER BY updated_at DESC FETCH FIRST 1 ROWS ONLY")
        .param("address", address)
        .query(String.class)
        .optional();
  }

  /** Telegram and WhatsApp texts are at most 4,096 characters; anything longer is cut to the column. */
  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  private static final int MAX_TEXT = 10_000;
  private static final String SELECT = "SELECT id, channel, provider, provider_event_id, customer_id, sender_ref, body,"
      + " sent_at, received_at FROM inbound_message";

  private Stored stored(ResultSet rs, int row) throws SQLException {
    return new Stored(
        rs.getLong("id"),
        Channel.fromId(rs.getString("channel")).orElseThrow(),
        rs.getString("provider"),
        rs.getString("provider_event_id"),
        rs.getString("customer_id"),
        rs.getString("sender_ref"),
        rs.getString("body"),
        rs.getObject("sent_at", OffsetDateTime.class),
        rs.getObject("received_at", OffsetDateTime.class));
  }
}
