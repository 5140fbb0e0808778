package io.omnijourney.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's best hour: the local hour of the day in which they read our messages or wrote to
 * us most often. It is learnt from the times the profile counts by quarter of an hour of the UTC day
 * ({@code Customers.engagementTimes}), turned into hours of the customer's day with the offset of
 * their time zone now. Too few engagements tell nothing.
 */
final class BestHour {

  /** Fewer reads and replies than this, and the playbook's own time is used. */
  static final int MIN_ENGAGEMENTS = 3;

  private static final int SECONDS_A_DAY = 24 * 3600;

  private BestHour() {}

  /**
   * @param quarters engagements by quarter of an hour of the UTC day (0 to 95)
   * @return the start of the local hour with the most engagements (the earliest of equal ones), or
   *     empty when fewer than {@link #MIN_ENGAGEMENTS} are known
   */
  static Optional<LocalTime> of(Map<Integer, Integer> quarters, ZoneId zone, Instant at) {
    int offset = zone.getRules().getOffset(at).getTotalSeconds();
    int[] byHour = new int[24];
    int total = 0;
    for (Map.Entry<Integer, Integer> quarter : quarters.entrySet()) {
      int local = Math.floorMod(quarter.getKey() * 15 * 60 + offset, SECONDS_A_DAY);
      byHour[local / 3600] += quarter.getValue();
      total += quarter.getValue();
    }
    if (total < MIN_ENGAGEMENTS) {
      return Optional.empty();
    }
    int best = 0;
    for (int hour = 1; hour < 24; hour++) {
      if (byHour[hour] > byHour[best]) {
        best = hour;
      }
    }
    return Optional.of(LocalTime.of(best, 0));
  }
}
