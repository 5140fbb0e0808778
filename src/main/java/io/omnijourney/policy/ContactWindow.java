package io.omnijourney.policy;

import io.omnijourney.customer.Customer;
import io.omnijourney.customer.Customers;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether a message may go to a customer now: at their best hour when the send asks for it, quiet
 * hours and the frequency cap, all in the customer's time zone, for marketing only. Time is the engine's clock, so the waits it asks for
 * and the timers that end them agree (and tests can move it).
 *
 * <p>A message that may go is counted once for the cap, however many channels it then falls back
 * over. The check holds the customer's row lock until the engine's transaction commits, so two
 * messages checked at the same moment cannot both take the last place of the day.
 */
@Service
public class ContactWindow {

  /** {@code sendAt} null: send now. Otherwise wait until then, for {@code reason}. */
  public record Verdict(Instant sendAt, String reason) {
    static final Verdict NOW = new Verdict(null, null);
  }

  private final ContactPolicySettings settings;
  private final Customers customers;
  private final JdbcClient jdbc;

  public ContactWindow(ContactPolicySettings settings, Customers customers, JdbcClient jdbc) {
    this.settings = settings;
    this.customers = customers;
    this.jdbc = jdbc;
  }

  /**
   * @param messageRef identifies the message across its fallbacks (its "Deliver with fallback"
   *     instance) for the frequency cap; null checks quiet hours only
   * @param sendTime {@link SendTime#BEST_HOUR}: first wait for the customer's best hour, when it is
   *     known and outside quiet hours; quiet hours and the cap are checked again when it comes
   */
  public Verdict check(String customerId, MessageCategory category, String messageRef, SendTime sendTime) {
    if (category == MessageCategory.TRANSACTIONAL || customerId == null) {
      return Verdict.NOW;
    }
    Optional<Customer> customer = customers.find(customerId);
    if (customer.isEmpty()) {
      return Verdict.NOW; // the send refuses it, and says why
    }
    ZoneId zone = zoneOf(customer.get());
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(zone);
    if (sendTime == SendTime.BEST_HOUR) {
      Optional<Verdict> untilBestHour = untilBestHour(customerId, now);
      if (untilBestHour.isPresent()) {
        return untilBestHour.get();
      }
    }
    Optional<ZonedDateTime> quietUntil = quietUntil(now);
    if (quietUntil.isPresent()) {
      return new Verdict(quietUntil.get().toInstant(), "quiet hours " + settings.quietStart() + "-"
          + settings.quietEnd() + " " + zone + ": waited until " + quietUntil.get().toOffsetDateTime());
    }
    return capped(customerId, messageRef, now, zone);
  }

  private Verdict capped(String customerId, String messageRef, ZonedDateTime now, ZoneId zone) {
    int cap = settings.marketingPerDay();
    if (cap == 0 || messageRef == null) {
      return Verdict.NOW;
    }
    jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(String.class).list();
    boolean counted = jdbc.sql("SELECT COUNT(*) FROM marketing_contact WHERE message_ref = ?")
        .param(messageRef).query(Integer.class).single() > 0;
    if (counted) {
      return Verdict.NOW;
    }
    LocalDate today = now.toLocalDate();
    ZonedDateTime tomorrow = today.plusDays(1).atStartOfDay(zone);
    int sentToday = jdbc.sql("SELECT COUNT(*) FROM marketing_contact WHERE customer_id = ? AND contacted_at >= ?"
            + " AND contacted_at < ?")
        .params(customerId, today.atStartOfDay(zone).toOffsetDateTime(), tomorrow.toOffsetDateTime())
        .query(Integer.class).single();
    if (sentToday >= cap) {
      return new Verdict(tomorrow.toInstant(), "frequency cap: " + sentToday + " marketing messages on " + today
          + " " + zone + ": waited until " + tomorrow.toOffsetDateTime());
    }
    jdbc.sql("INSERT INTO marketing_contact (message_ref, customer_id, contacted_at) VALUES (?, ?, ?)")
        .params(messageRef, customerId, OffsetDateTime.ofInstant(now.toInstant(), zone))
        .update();
    return Verdict.NOW;
  }

  /**
   * The wait until the customer's best hour, unless it is that hour now, nothing is known of them, or
   * their best hour falls in quiet hours (then the playbook's time is as good as any).
   */
  private Optional<Verdict> untilBestHour(String customerId, ZonedDateTime now) {
    return BestHour.of(customers.engagementTimes(customerId), now.getZone(), now.toInstant())
        .filter(best -> now.getHour() != best.getHour() && quietUntil(now.with(best)).isEmpty())
        .map(best -> {
          ZonedDateTime at = now.with(best);
          if (!at.isAfter(now)) {
            at = now.toLocalDate().plusDays(1).atTime(best).atZone(now.getZone());
          }
          return new Verdict(at.toInstant(), "best hour " + best + " " + now.getZone() + ": waited until "
              + at.toOffsetDateTime());
        });
  }

  /** When quiet hours end, if {@code now} is inside them. */
  Optional<ZonedDateTime> quietUntil(ZonedDateTime now) {
    LocalTime start = settings.quietStart();
    LocalTime end = settings.quietEnd();
    LocalTime time = now.toLocalTime();
    boolean quiet = start.isBefore(end)
        ? !time.isBefore(start) && time.isBefore(end)
        : start.isAfter(end) && (!time.isBefore(start) || time.isBefore(end));
    if (!quiet) {
      return Optional.empty();
    }
    LocalDate day = time.isBefore(end) ? now.toLocalDate() : now.toLocalDate().plusDays(1);
    return Optional.of(day.atTime(end).atZone(now.getZone()));
  }

  private ZoneId zoneOf(Customer customer) {
    try {
      return customer.timeZone() == null ? settings.zone() : ZoneId.of(customer.timeZone());
    } catch (DateTimeException e) {
      return settings.zone();
    }
  }
}
