package io.omnijourney.policy;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.contact-policy.*}: when marketing may reach a customer. Transactional
 * messages (codes, confirmations) ignore all of it.
 * <ul>
 *   <li>{@code quiet-hours.start} and {@code .end} (local times such as 22:00 and 08:00, in the
 *       customer's time zone): a marketing send inside them waits until the end. Equal times turn
 *       quiet hours off.
 *   <li>{@code default-time-zone}: for customers whose profile has none.
 *   <li>{@code marketing-per-day}: the frequency cap, marketing messages per customer and local day;
 *       one more waits until the next day. 0 turns the cap off.
 * </ul>
 */
@ConfigurationProperties("omnijourney.contact-policy")
public record ContactPolicySettings(QuietHours quietHours, String defaultTimeZone, Integer marketingPerDay) {

  public record QuietHours(String start, String end) {}

  public ContactPolicySettings {
    quietHours = quietHours == null ? new QuietHours("22:00", "08:00") : quietHours;
    defaultTimeZone = defaultTimeZone == null || defaultTimeZone.isBlank() ? "UTC" : defaultTimeZone;
    marketingPerDay = marketingPerDay == null ? 3 : marketingPerDay;
    // Fail at start-up, not at the first marketing send.
    quietStart(quietHours);
    quietEnd(quietHours);
    try {
      ZoneId.of(defaultTimeZone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("omnijourney.contact-policy.default-time-zone: " + e.getMessage(), e);
    }
    if (marketingPerDay < 0) {
      throw new IllegalArgumentException("omnijourney.contact-policy.marketing-per-day must be 0 (off) or more");
    }
  }

  public LocalTime quietStart() {
    return quietStart(quietHours);
  }

  public LocalTime quietEnd() {
    return quietEnd(quietHours);
  }

  public ZoneId zone() {
    return ZoneId.of(defaultTimeZone);
  }

  private static LocalTime quietStart(QuietHours hours) {
    return time("start", hours.start() == null ? "22:00" : hours.start());
  }

  private static LocalTime quietEnd(QuietHours hours) {
    return time("end", hours.end() == null ? "08:00" : hours.end());
  }

  private static LocalTime time(String which, String value) {
    try {
      return LocalTime.parse(value.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "omnijourney.contact-policy.quiet-hours." + which + " must be a time such as 22:00, not '" + value + "'", e);
    }
  }
}
