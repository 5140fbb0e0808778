package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and writes customer profiles. */
@Repository
public class Customers {

  private final JdbcClient jdbc;
  private final TransactionTemplate nested;

  public Customers(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  private static final String COLUMNS =
      "id, phone, email, whatsapp, telegram_chat_id, viber_id, push_token, locale, time_zone";

  public Optional<Customer> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?").param(id).query(Customers::map).optional();
  }

  /** Locks the profile's row until the transaction ends, so that one customer's messages are handled one at a time. */
  public void lock(String id) {
    jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(id).query(String.class).optional();
  }

  /** The profiles with this phone number (E.164) as their phone or WhatsApp number. */
  public List<Customer> findByPhone(String e164) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE phone = ? OR whatsapp = ? ORDER BY id")
        .params(e164, e164).query(Customers::map).list();
  }

  /** The profiles with this Viber user id. */
  public List<Customer> findByViberId(String viberId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE viber_id = ? ORDER BY id")
        .param(viberId).query(Customers::map).list();
  }

  /** The profiles with this (lower-cased) email address. */
  public List<Customer> findByEmail(String email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE email = ? ORDER BY id")
        .param(email).query(Customers::map).list();
  }

  /**
   * The customer read a message or wrote to us on this channel at {@code at}: it becomes their
   * learned channel, unless a later engagement is already known.
   */
  public void engaged(String customerId, Channel channel, OffsetDateTime at) {
    jdbc.sql("UPDATE customer SET engaged_channel = ?, engaged_at = ? WHERE id = ?"
            + " AND (engaged_at IS NULL OR engaged_at <= ?)")
        .params(channel.id(), at, customerId, at)
        .update();
  }

  /**
   * Saves a profile as an application sent it: creates or updates it ({@link #upsert}) and, when
   * the data states channels, replaces the stated preference. Runs in the caller's transaction.
   */
  public void save(CustomerUpdate data) {
    upsert(data.changes());
    data.statedChannels().ifPresent(channels -> jdbc.sql("UPDATE customer SET preferred_channels = ? WHERE id = ?")
        .param(1, channels.isEmpty() ? null : Channel.idsOf(channels), Types.VARCHAR)
        .param(2, data.id())
        .update());
  }

  /** The channels the customer stated, first preferred; empty when they stated none. */
  public List<Channel> statedChannels(String customerId) {
    return jdbc.sql("SELECT preferred_channels FROM customer WHERE id = ? AND preferred_channels IS NOT NULL")
        .param(customerId).query(String.class).optional().map(Channel::listOf).orElse(List.of());
  }

  /** The channel on which the customer last read or replied, if we know one. */
  public Optional<Channel> learnedChannel(String customerId) {
    return jdbc.sql("SELECT engaged_channel FROM customer WHERE id = ? AND engaged_channel IS NOT NULL")
        .param(customerId).query(String.class).optional().flatMap(Channel::fromId);
  }

  private static Customer map(ResultSet rs, int row) throws SQLException {
    return new Customer(
        rs.getString("id"),
        rs.getString("phone"),
        rs.getString("email"),
        rs.getString("whatsapp"),
        rs.getString("telegram_chat_id"),
        rs.getString("viber_id"),
        rs.getString("push_token"),
        rs.getString("locale"),
        rs.getString("time_zone"));
  }

  /**
   * Creates the profile, or updates it with the fields {@code update} sets (null fields are kept).
   * Runs in the caller's transaction. Two concurrent starts for a new customer both try the insert;
   * the loser's insert runs in a savepoint, so it falls back to the update instead of failing the start.
   */
  public void upsert(ProfileChanges update) {
    if (updateExisting(update)) {
      return;
    }
    try {
      nested.executeWithoutResult(status -> insert(update));
    } catch (DuplicateKeyException raced) {
      updateExisting(update);
    }
  }

  private boolean updateExisting(ProfileChanges update) {
    return bind(jdbc.sql("UPDATE customer SET phone = COALESCE(:phone, phone), email = COALESCE(:email, email),"
            + " whatsapp = COALESCE(:whatsapp, whatsapp), telegram_chat_id = COALESCE(:telegram, telegram_chat_id),"
            + " viber_id = COALESCE(:viber, viber_id), push_token = COALESCE(:push, push_token),"
            + " locale = COALESCE(:locale, locale), time_zone = COALESCE(:timeZone, time_zone), updated_at = :now"
            + " WHERE id = :id"), update)
        .update() == 1;
  }

  private void insert(ProfileChanges customer) {
    bind(jdbc.sql("INSERT INTO customer (id, phone, email, whatsapp, telegram_chat_id, viber_id, push_token, locale,"
            + " time_zone, created_at, updated_at) VALUES (:id, :phone, :email, :whatsapp, :telegram, :viber, :push,"
            + " :locale, :timeZone, :now, :now)"), customer)
        .update();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, ProfileChanges customer) {
    // Typed nulls: PostgreSQL cannot infer the type of a bare null inside COALESCE.
    return sql.param("id", customer.id())
        .param("phone", customer.phone(), Types.VARCHAR)
        .param("email", customer.email(), Types.VARCHAR)
        .param("whatsapp", customer.whatsapp(), Types.VARCHAR)
        .param("telegram", customer.telegramChatId(), Types.VARCHAR)
        .param("viber", customer.viberId(), Types.VARCHAR)
        .param("push", customer.pushToken(), Types.VARCHAR)
        .param("locale", customer.locale(), Types.VARCHAR)
        .param("timeZone", customer.timeZone(), Types.VARCHAR)
        .param("now", OffsetDateTime.now(ZoneOffset.UTC));
  }
}
