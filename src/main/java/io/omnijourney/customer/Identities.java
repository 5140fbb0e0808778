package io.omnijourney.customer;

import io.omnijourney.channel.Channel;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joins a newly learned identity to the one profile it belongs to: a Telegram chat whose owner
 * shared a phone number we have on file becomes that profile's Telegram identity. Earlier messages
 * from that chat join the profile's history. A profile that knew only the chat (a customer who
 * wrote to the bot before we knew their phone) is merged into it: its journeys, deliveries,
 * messages, opt-outs, tags, attributes, engagement times and campaign places move over, so a merge never
 * loses history, and then it is removed.
 */
@Service
public class Identities {

  private static final Logger log = LoggerFactory.getLogger(Identities.class);

  private final JdbcClient jdbc;
  private final Customers customers;

  public Identities(JdbcClient jdbc, Customers customers) {
    this.jdbc = jdbc;
    this.customers = customers;
  }

  /**
   * The owner of this Telegram chat has the phone {@code phone} (any notation). Returns the profile
   * the chat now belongs to, or empty when no profile has that phone.
   */
  @Transactional
  public Optional<String> joinTelegram(String chatId, String phone) {
    Optional<String> e164 = ContactFormats.e164(phone.startsWith("+") ? phone : "+" + phone);
    List<Customer> owners = e164.map(customers::findByPhone).orElse(List.of());
    if (owners.isEmpty()) {
      return Optional.empty();
    }
    Customer owner = owners.get(0);
    List<String> chatOnly = jdbc.sql("SELECT id FROM customer WHERE telegram_chat_id = ? AND id <> ?"
            + " AND phone IS NULL AND whatsapp IS NULL AND email IS NULL")
        .params(chatId, owner.id()).query(String.class).list();
    chatOnly.forEach(other -> merge(other, owner.id()));
    customers.upsert(new ProfileChanges(owner.id(), null, null, null, chatId, null, null, null, null));
    jdbc.sql("UPDATE inbound_message SET customer_id = ? WHERE channel = ? AND sender_ref = ? AND customer_id IS NULL")
        .params(owner.id(), Channel.TELEGRAM.id(), chatId).update();
    log.info("A Telegram chat joined a profile by its phone number ({} profile(s) merged in)", chatOnly.size());
    return Optional.of(owner.id());
  }

  /** Moves everything of {@code from} to {@code into}, then removes {@code from}. */
  private void merge(String from, String into) {
    for (String table : List.of("journey", "delivery", "inbound_message", "conversation")) {
      jdbc.sql("UPDATE " + table + " SET customer_id = ? WHERE customer_id = ?").params(into, from).update();
    }
    // An opt-out both profiles have stays once, as the profile's own.
    jdbc.sql("DELETE FROM channel_block WHERE customer_id = ? AND EXISTS (SELECT 1 FROM channel_block b"
        + " WHERE b.customer_id = ? AND b.channel = channel_block.channel AND b.address_hash = channel_block.address_hash)")
        .params(from, into).update();
    jdbc.sql("UPDATE channel_block SET customer_id = ? WHERE customer_id = ?").params(into, from).update();
    // Tags and attributes the profile lacks move over; where both have an attribute, the profile's stays.
    jdbc.sql("UPDATE customer_tag SET customer_id = ? WHERE customer_id = ? AND tag NOT IN"
        + " (SELECT tag FROM customer_tag WHERE customer_id = ?)").params(into, from, into).update();
    jdbc.sql("UPDATE customer_attribute SET customer_id = ? WHERE customer_id = ? AND name NOT IN"
        + " (SELECT name FROM customer_attribute WHERE customer_id = ?)").params(into, from, into).update();
    // The times they read or replied at, and their places in campaigns, where the profile has none.
    jdbc.sql("UPDATE customer_engagement_time SET customer_id = ? WHERE customer_id = ? AND utc_quarter NOT IN"
        + " (SELECT utc_quarter FROM customer_engagement_time WHERE customer_id = ?)").params(into, from, into).update();
    for (String table : List.of("campaign_member", "campaign_audience")) {
      jdbc.sql("UPDATE " + table + " SET customer_id = ? WHERE customer_id = ? AND campaign_id NOT IN"
          + " (SELECT campaign_id FROM " + table + " WHERE customer_id = ?)").params(into, from, into).update();
    }
    for (String table : List.of("customer_tag", "customer_attribute", "customer_engagement_time", "campaign_member",
        "campaign_audience")) {
      jdbc.sql("DELETE FROM " + table + " WHERE customer_id = ?").param(from).update();
    }
    jdbc.sql("DELETE FROM customer WHERE id = ?").param(from).update();
  }
}
