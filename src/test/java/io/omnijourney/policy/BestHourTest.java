package io.omnijourney.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The best hour from the counts by quarter of the UTC day, in the customer's time zone. */
class BestHourTest {

  private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
  private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

  /** The quarter of the UTC day that starts at this UTC time. */
  private static int quarter(int hour, int minute) {
    return (hour * 60 + minute) / 15;
  }

  @Test
  void readsAt20InTehranAre20InTehran() {
    // 20:00 to 20:59 in Tehran (+03:30) is 16:30 to 17:29 UTC.
    Map<Integer, Integer> reads = Map.of(quarter(16, 30), 2, quarter(16, 45), 1, quarter(17, 15), 2);

    assertThat(BestHour.of(reads, TEHRAN, NOW)).contains(LocalTime.of(20, 0));
  }

  @Test
  void aZoneThreeQuartersOffTheHourStillGetsItsOwnHour() {
    // Kathmandu is +05:45: 14:15 UTC is 20:00 there.
    Map<Integer, Integer> reads = Map.of(quarter(14, 15), 3, quarter(2, 0), 1);

    assertThat(BestHour.of(reads, ZoneId.of("Asia/Kathmandu"), NOW)).contains(LocalTime.of(20, 0));
  }

  @Test
  void fewerThanThreeReadsOrRepliesTellNothing() {
    assertThat(BestHour.of(Map.of(), TEHRAN, NOW)).isEmpty();
    assertThat(BestHour.of(Map.of(quarter(16, 30), 2), TEHRAN, NOW)).isEmpty();
    assertThat(BestHour.of(Map.of(quarter(16, 30), 3), TEHRAN, NOW)).contains(LocalTime.of(20, 0));
  }

  @Test
  void theHourWithMostEngagementsWinsAndTheEarlierOfEqualOnes() {
    // Two at 09:00 UTC, three at 18:00 UTC: 18:00 in London.
    assertThat(BestHour.of(Map.of(quarter(9, 0), 2, quarter(18, 0), 3), ZoneId.of("Europe/London"), NOW))
        .contains(LocalTime.of(18, 0));
    assertThat(BestHour.of(Map.of(quarter(9, 0), 2, quarter(18, 0), 2), ZoneId.of("Europe/London"), NOW))
        .contains(LocalTime.of(9, 0));
  }

  @Test
  void quartersLateInTheUtcDayWrapToTheNextLocalDay() {
    // 23:45 UTC is 03:15 the next morning in Tehran.
    assertThat(BestHour.of(Map.of(quarter(23, 45), 4), TEHRAN, NOW)).contains(LocalTime.of(3, 0));
  }
}
