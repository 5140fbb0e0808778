package io.omnijourney.inbox;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.ProfileChanges;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * profile's {@code telegram_chat_id}); a sender we do not know gets a profile of their own, which
 * joins their other addresses later (a shared phone number, an operator's correction).
 *
 * <p>A new message from a known customer is a reply for the journeys waiting for one: it is stored
 * with the reply state {@code PENDING} and announced as {@link CustomerWrote} (after the commit, when
 * the caller has a transaction). Whoever correlates it first {@link #claimReply claims} it in the
 * transaction that tells the engine; a message left {@code PENDING} (a crash in between) is found
 * again by {@link #pendingReplies}.
 */
@Repository
public class CustomerMessages {

  /**
   * One message as a provider delivered it. {@code sentAt} is the provider's time, if it gave one;
   * {@code threadRefs} are the ids of the messages it answers (an email's {@code In-Reply-To} and
   * {@code References}), empty on channels without threads.
   */
  public record Received(Channel channel, String provider, String providerEventId, String senderRef, String text,
      OffsetDateTime sentAt, List<String> threadRefs) {

    public Received {
      threadRefs = threadRefs == null ? List.of() : List.copyOf(threadRefs);
    }

    /** A message on a channel without threads. */
    public Received(Channel channel, String provider, String providerEventId, String senderRef, String text,
        OffsetDateTime sentAt) {
      this(channel, provider, providerEventId, senderRef, text, sentAt, List.of());
    }

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
      OffsetDateTime receivedAt,
      String conversationId,
      List<String> threadRefs) {

    @Override
    public String toString() {
      return "Stored[" + id + ", " + provider + " " + providerEventId + ", customer " + customerId + "]";
    }
  }

  /** Published when a customer's message is stored for the first time. */
  public record CustomerWrote(long messageId, String customerId) {}

  static final String REPLY_PENDING = "PENDING";
  static final String REPLY_CORRELATED = "CORRELATED";
  static final String ROUTING_PENDING = "PENDING";
  static final String ROUTING_DONE = "ROUTED";

  private final JdbcClient jdbc;
  private final Customers customers;
  private final ApplicationEventPublisher events;

  public CustomerMessages(JdbcClient jdbc, Customers customers, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.events = events;
  }

  /**
   * Stores a message; returns false when this provider event was stored before. Card numbers in
   * the text are masked first ({@link CardNumbers}): the clear number is never stored. The sender
   * is the profile with their address on the channel; an unknown sender gets a new profile with
   * that address (and the language their text is written in). A customer who writes to us on a
   * channel has that channel as their learned one, and their new message is announced as
   * {@link CustomerWrote}; a repeated event announces nothing.
   */
  public boolean store(Received message) {
    if (find(message.provider(), message.providerEventId()).isPresent()) {
      return false;
    }
    String text = CardNumbers.mask(clip(message.text()));
    String customerId = customerAt(message.channel(), message.senderRef())
        .or(() -> newProfile(message.channel(), message.senderRef(), text))
        .orElse(null);
    if (customerId != null) {
      customers.engaged(customerId, message.channel(),
          message.sentAt() != null ? message.sentAt() : OffsetDateTime.now(ZoneOffset.UTC));
    }
    KeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql("INSERT INTO inbound_message (channel, provider, provider_event_id, customer_id, sender_ref, body,"
              + " sent_at, received_at, reply_state, routing, thread_refs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(message.channel().id(), message.provider(), message.providerEventId(), customerId,
              message.senderRef(), text, message.sentAt(), OffsetDateTime.now(ZoneOffset.UTC),
              customerId == null ? null : REPLY_PENDING, customerId == null ? null : ROUTING_PENDING,
              message.threadRefs().isEmpty() ? null : String.join(" ", message.threadRefs()))
          .update(key, "id");
    } catch (DuplicateKeyException duplicate) {
      return false;
    }
    if (customerId != null) {
      events.publishEvent(new CustomerWrote(key.getKeyAs(Number.class).longValue(), customerId));
    }
    return true;
  }

  /**
   * A profile for a sender we do not know yet, with their address on the channel. Empty when the
   * address is not one a profile can hold (an email that does not parse, a push token).
   */
  private Optional<String> newProfile(Channel channel, String address, String text) {
    if (address == null || address.isBlank()) {
      return Optional.empty();
    }
    String id = "c-" + UUID.randomUUID();
    String locale = Languages.of(text);
    ProfileChanges profile = switch (channel) {
      case TELEGRAM -> new ProfileChanges(id, null, null, null, address, null, null, locale, null);
      case VIBER -> new ProfileChanges(id, null, null, null, null, address, null, locale, null);
      case WHATSAPP -> ContactFormats.e164(address)
          .map(phone -> new ProfileChanges(id, null, null, phone, null, null, null, locale, null)).orElse(null);
      case SMS -> ContactFormats.e164(address)
          .map(phone -> new ProfileChanges(id, phone, null, null, null, null, null, locale, null)).orElse(null);
      case EMAIL -> ContactFormats.email(address)
          .map(email -> new ProfileChanges(id, null, email, null, null, null, null, locale, null)).orElse(null);
      case PUSH -> null;
    };
    if (profile == null) {
      return Optional.empty();
    }
    customers.upsert(profile);
    return Optional.of(id);
  }

  /** The message belongs to this conversation. */
  public void joined(long id, String conversationId) {
    jdbc.sql("UPDATE inbound_message SET conversation_id = ? WHERE id = ?").params(conversationId, id).update();
  }

  /**
   * Takes a message for routing; false when it is not pending (someone else routed it). Call it
   * in the transaction that routes: a rollback gives it back.
   */
  public boolean claimRouting(long id) {
    return jdbc.sql("UPDATE inbound_message SET routing = ? WHERE id = ? AND routing = ?")
        .params(ROUTING_DONE, id, ROUTING_PENDING)
        .update() == 1;
  }

  /** Messages not yet routed to a conversation, received between {@code since} and {@code before}, oldest first. */
  public List<Long> unrouted(OffsetDateTime since, OffsetDateTime before, int limit) {
    return jdbc.sql("SELECT id FROM inbound_message WHERE routing = ? AND received_at > ? AND received_at < ?"
            + " ORDER BY received_at, id FETCH FIRST " + limit + " ROWS ONLY")
        .params(ROUTING_PENDING, since, before)
        .query(Long.class)
        .list();
  }

  /** A conversation's messages, oldest first. */
  public List<Stored> ofConversation(String conversationId) {
    return jdbc.sql(SELECT + " WHERE conversation_id = ? ORDER BY received_at, id")
        .param(conversationId)
        .query(this::stored)
        .list();
  }

  /** The conversation of the customer's message with this provider id (an email's Message-ID), if any. */
  public Optional<String> conversationOf(String customerId, Collection<String> providerEventIds) {
    if (providerEventIds.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT conversation_id FROM inbound_message WHERE customer_id = :customer"
            + " AND provider_event_id IN (:ids) AND conversation_id IS NOT NULL ORDER BY received_at DESC"
            + " FETCH FIRST 1 ROWS ONLY")
        .param("customer", customerId)
        .param("ids", providerEventIds)
        .query(String.class)
        .optional();
  }

  /**
   * Forgets the text of messages received before {@code before} (the retention period); the
   * rows stay, without their words, for the counts. Returns how many were cleared.
   */
  public int forgetTextBefore(OffsetDateTime before) {
    return jdbc.sql("UPDATE inbound_message SET body = NULL WHERE received_at < ? AND body IS NOT NULL")
        .param(before)
        .update();
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
      + " sent_at, received_at, conversation_id, thread_refs FROM inbound_message";

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
        rs.getObject("received_at", OffsetDateTime.class),
        rs.getString("conversation_id"),
        rs.getString("thread_refs") == null ? List.of() : List.of(rs.getString("thread_refs").split(" ")));
  }
}
