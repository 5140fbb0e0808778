package io.omnijourney.customer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes customer profiles. */
@Repository
public class Customers {

  private final JdbcClient jdbc;

  public Customers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Customer> find(String id) {
    return jdbc.sql("SELECT id, phone, email, whatsapp, telegram_chat_id, viber_id, push_token, locale, time_zone"
            + " FROM customer WHERE id = ?")
        .param(id)
        .query((rs, row) -> new Customer(
            rs.getString("id"),
            rs.getString("phone"),
            rs.getString("email"),
            rs.getString("whatsapp"),
            rs.getString("telegram_chat_id"),
            rs.getString("viber_id"),
            rs.getString("push_token"),
            rs.getString("locale"),
            rs.getString("time_zone")))
        .optional();
  }

  /** Creates the profile, or updates it with the fields {@code update} sets. Runs in the caller's transaction. */
  public Customer upsert(Customer update) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Optional<Customer> existing = find(update.id());
    Customer merged = existing.map(c -> c.mergedWith(update)).orElse(update);
    String sql = existing.isPresent()
        ? "UPDATE customer SET phone = :phone, email = :email, whatsapp = :whatsapp, telegram_chat_id = :telegram,"
            + " viber_id = :viber, push_token = :push, locale = :locale, time_zone = :timeZone, updated_at = :now"
            + " WHERE id = :id"
        : "INSERT INTO customer (id, phone, email, whatsapp, telegram_chat_id, viber_id, push_token, locale,"
            + " time_zone, created_at, updated_at) VALUES (:id, :phone, :email, :whatsapp, :telegram, :viber,"
            + " :push, :locale, :timeZone, :now, :now)";
    jdbc.sql(sql)
        .param("id", merged.id())
        .param("phone", merged.phone())
        .param("email", merged.email())
        .param("whatsapp", merged.whatsapp())
        .param("telegram", merged.telegramChatId())
        .param("viber", merged.viberId())
        .param("push", merged.pushToken())
        .param("locale", merged.locale())
        .param("timeZone", merged.timeZone())
        .param("now", now)
        .update();
    return merged;
  }
}
