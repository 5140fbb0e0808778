package io.omnijourney.conversation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code omnijourney.support}: when the team works, its queues, and how long conversations keep
 * their words.
 *
 * @param days working days, a range ({@code MONDAY-FRIDAY}, {@code SATURDAY-WEDNESDAY}) or a list
 * @param start the working day's first minute, in {@code timeZone}
 * @param end the working day's end, after {@code start}
 * @param queues the queues (Camunda groups) the topic decision may route to; created at start
 * @param repeatContactWindow a conversation on the same topic within this time is a repeat contact
 * @param messageRetention customers' and operators' words are cleared after this time
 */
@ConfigurationProperties("omnijourney.support")
public record SupportSettings(
    @DefaultValue("MONDAY-FRIDAY") String days,
    @DefaultValue("09:00") LocalTime start,
    @DefaultValue("18:00") LocalTime end,
    @DefaultValue("UTC") ZoneId timeZone,
    @DefaultValue({"support", "sales", "billing", "partnerships"}) List<String> queues,
    @DefaultValue("P7D") Duration repeatContactWindow,
    @DefaultValue("P365D") Duration messageRetention) {

  public SupportSettings {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("omnijourney.support.end must be after start");
    }
    workingDays(days);
  }

  /** The working days named by {@code days}. */
  Set<DayOfWeek> workingDays() {
    return workingDays(days);
  }

  private static Set<DayOfWeek> workingDays(String days) {
    Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
    for (String part : days.split(",")) {
      String[] range = part.trim().toUpperCase(Locale.ROOT).split("-");
      DayOfWeek from = DayOfWeek.valueOf(range[0].trim());
      DayOfWeek to = range.length > 1 ? DayOfWeek.valueOf(range[1].trim()) : from;
      for (DayOfWeek day = from; ; day = day.plus(1)) {
        result.add(day);
        if (day == to) {
          break;
        }
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("omnijourney.support.days names no day");
    }
    return result;
  }

}
