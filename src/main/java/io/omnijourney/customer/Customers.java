package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and writes customer profiles. */
@Repository
public class Customers {

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate nested;

  public Customers(JdbcClient jdbc, NamedParameterJdbcTemplate named, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.named = named;
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  private static final String COLUMNS =
      "id, phone, email, whatsapp, telegram_chat_id, viber_id, push_token, locale, time_zone, name";

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
   * learned channel, unless a later engagement is already known; and the quarter of an hour of the
   * day it happened in counts towards their best hour ({@link #engagementTimes}).
   */
  public void engaged(String customerId, Channel channel, OffsetDateTime at) {
    int updated = jdbc.sql("UPDATE customer SET engaged_channel = ?, engaged_at = ? WHERE id = ?"
            + " AND (engaged_at IS NULL OR engaged_at <= ?)")
        .params(channel.id(), at, customerId, at)
        .update();
    if (updated == 0 && find(customerId).isEmpty()) {
      return;
    }
    int quarter = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / QUARTER_SECONDS;
    updateOrInsert(
        () -> jdbc.sql("UPDATE customer_engagement_time SET engagements = engagements + 1 WHERE customer_id = ?"
            + " AND utc_quarter = ?").params(customerId, quarter).update(),
        () -> jdbc.sql("INSERT INTO customer_engagement_time (customer_id, utc_quarter, engagements) VALUES (?, ?, 1)")
            .params(customerId, quarter).update());
  }

  private static final int QUARTER_SECONDS = 15 * 60;

  /**
   * How often the customer read or replied in each quarter of an hour of the UTC day (0 is 00:00 to
   * 00:15 UTC, 95 the last), for the quarters in which they did.
   */
  public Map<Integer, Integer> engagementTimes(String customerId) {
    Map<Integer, Integer> times = new TreeMap<>();
    jdbc.sql("SELECT utc_quarter, engagements FROM customer_engagement_time WHERE customer_id = ?").param(customerId)
        .query(rs -> {
          times.put(rs.getInt("utc_quarter"), rs.getInt("engagements"));
        });
    return times;
  }

  /**
   * Saves a profile as an application sent it: creates or updates it ({@link #upsert}) and, when
   * the data states channels, replaces the stated preference. Runs in the caller's transaction.
   */
  public void save(CustomerUpdate data) {
    upsert(data.changes());
    statedChannels(data).ifPresent(params -> jdbc.sql(STATED_CHANNELS).paramSource(params).update());
  }

  private static final String STATED_CHANNELS = "UPDATE customer SET preferred_channels = :channels WHERE id = :id";

  /** The parameters of {@link #STATED_CHANNELS}, when the data states channels (none clears them). */
  private static Optional<SqlParameterSource> statedChannels(CustomerUpdate data) {
    return data.statedChannels().map(channels -> new MapSqlParameterSource("id", data.id())
        .addValue("channels", channels.isEmpty() ? null : Channel.idsOf(channels), Types.VARCHAR));
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
        rs.getString("time_zone"),
        rs.getString("name"));
  }

  /**
   * Creates the profile, or updates it with the fields {@code update} sets (null fields are kept).
   * Runs in the caller's transaction. Two concurrent starts for a new customer both try the insert;
   * the loser's insert runs in a savepoint, so it falls back to the update instead of failing the start.
   */
  public void upsert(ProfileChanges update) {
    SqlParameterSource params = params(update, null);
    updateOrInsert(() -> jdbc.sql(UPDATE).paramSource(params).update(),
        () -> jdbc.sql(INSERT).paramSource(params).update());
  }

  /**
   * The update, or when it found no row the insert, in the caller's transaction. Of two concurrent
   * inserts the loser's runs in a savepoint, so it falls back to the update instead of failing.
   */
  private void updateOrInsert(IntSupplier update, Runnable insert) {
    if (update.getAsInt() > 0) {
      return;
    }
    try {
      nested.executeWithoutResult(status -> insert.run());
    } catch (DuplicateKeyException raced) {
      update.getAsInt();
    }
  }

  /**
   * Saves imported profiles in the caller's transaction, each as {@link #save} would with its name,
   * tags (when given, they replace the stored ones) and attributes (each given one is set, the others
   * kept), with one JDBC batch per statement. The ids must differ. A profile another transaction
   * creates meanwhile fails the insert with {@link DuplicateKeyException}: the caller tries again.
   */
  void saveAll(List<ImportedCustomer> rows) {
    SqlParameterSource[] profiles = rows.stream().map(row -> params(row.contact().changes(), row.name()))
        .toArray(SqlParameterSource[]::new);
    int[] updated = named.batchUpdate(UPDATE, profiles);
    batch(INSERT, IntStream.range(0, profiles.length).filter(i -> updated[i] == 0).mapToObj(i -> profiles[i]));
    batch(STATED_CHANNELS, rows.stream().flatMap(row -> statedChannels(row.contact()).stream()));
    List<ImportedCustomer> tagged = rows.stream().filter(row -> row.tags() != null).toList();
    batch("DELETE FROM customer_tag WHERE customer_id = :id",
        tagged.stream().map(row -> new MapSqlParameterSource("id", row.id())));
    batch("INSERT INTO customer_tag (customer_id, tag) VALUES (:id, :tag)", tagged.stream()
        .flatMap(row -> row.tags().stream().distinct().map(tag -> new MapSqlParameterSource("id", row.id())
            .addValue("tag", tag))));
    List<MapSqlParameterSource> attributes = rows.stream().filter(row -> row.attributes() != null)
        .flatMap(row -> row.attributes().entrySet().stream().map(a -> new MapSqlParameterSource("id", row.id())
            .addValue("name", a.getKey()).addValue("value", a.getValue())))
        .toList();
    batch("DELETE FROM customer_attribute WHERE customer_id = :id AND name = :name", attributes.stream());
    batch("INSERT INTO customer_attribute (customer_id, name, content) VALUES (:id, :name, :value)",
        attributes.stream());
  }

  private void batch(String sql, Stream<? extends SqlParameterSource> rows) {
    SqlParameterSource[] params = rows.toArray(SqlParameterSource[]::new);
    if (params.length > 0) {
      named.batchUpdate(sql, params);
    }
  }

  /** The customer's tags, in alphabetical order. */
  public List<String> tags(String customerId) {
    return jdbc.sql("SELECT tag FROM customer_tag WHERE customer_id = ? ORDER BY tag").param(customerId)
        .query(String.class).list();
  }

  /** The customer's attributes by name, in alphabetical order. */
  public SortedMap<String, String> attributes(String customerId) {
    SortedMap<String, String> attributes = new TreeMap<>();
    jdbc.sql("SELECT name, content FROM customer_attribute WHERE customer_id = ?").param(customerId)
        .query(rs -> {
          attributes.put(rs.getString("name"), rs.getString("content"));
        });
    return attributes;
  }

  /**
   * What message templates may read of the customer: {@code customer.name} and
   * {@code customer.attributes.<name>}, each only when the profile has it.
   */
  public Map<String, Object> templateModel(Customer customer) {
    Map<String, Object> model = new HashMap<>();
    if (customer.name() != null) {
      model.put("name", customer.name());
    }
    model.put("attributes", attributes(customer.id()));
    return model;
  }

  /**
   * The customer purchased at {@code at} (a purchase event that names them): it becomes their last
   * purchase, unless a later one is already known.
   */
  public void purchased(String customerId, OffsetDateTime at) {
    jdbc.sql("UPDATE customer SET purchased_at = ? WHERE id = ? AND (purchased_at IS NULL OR purchased_at < ?)")
        .params(at, customerId, at)
        .update();
  }

  /** Sets the fields given; a null keeps the stored value. The country follows the phone. */
  private static final String UPDATE = "UPDATE customer SET name = COALESCE(:name, name),"
      + " phone = COALESCE(:phone, phone), country = CASE WHEN :phone IS NULL THEN country ELSE :country END,"
      + " email = COALESCE(:email, email), whatsapp = COALESCE(:whatsapp, whatsapp),"
      + " telegram_chat_id = COALESCE(:telegram, telegram_chat_id), viber_id = COALESCE(:viber, viber_id),"
      + " push_token = COALESCE(:push, push_token), locale = COALESCE(:locale, locale),"
      + " time_zone = COALESCE(:timeZone, time_zone), updated_at = :now WHERE id = :id";

  private static final String INSERT = "INSERT INTO customer (id, name, phone, country, email, whatsapp,"
      + " telegram_chat_id, viber_id, push_token, locale, time_zone, created_at, updated_at) VALUES (:id, :name,"
      + " :phone, :country, :email, :whatsapp, :telegram, :viber, :push, :locale, :timeZone, :now, :now)";

  private static SqlParameterSource params(ProfileChanges customer, String name) {
    // Typed nulls: PostgreSQL cannot infer the type of a bare null inside COALESCE.
    return new MapSqlParameterSource("id", customer.id())
        .addValue("name", name, Types.VARCHAR)
        .addValue("phone", customer.phone(), Types.VARCHAR)
        .addValue("country", ContactFormats.country(customer.phone()).orElse(null), Types.VARCHAR)
        .addValue("email", customer.email(), Types.VARCHAR)
        .addValue("whatsapp", customer.whatsapp(), Types.VARCHAR)
        .addValue("telegram", customer.telegramChatId(), Types.VARCHAR)
        .addValue("viber", customer.viberId(), Types.VARCHAR)
        .addValue("push", customer.pushToken(), Types.VARCHAR)
        .addValue("locale", customer.locale(), Types.VARCHAR)
        .addValue("timeZone", customer.timeZone(), Types.VARCHAR)
        .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));
  }
}
