package io.omnijourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

  static WorkingHours hours(String days, String zone) {
    return new WorkingHours(new SupportSettings(days, LocalTime.of(9, 0), LocalTime.of(18, 0), ZoneId.of(zone),
        List.of("support"), Duration.ofDays(7), Duration.ofDays(365)));
  }

  @Test
  void workingTimeSkipsTheNightAndTheWeekend() {
    WorkingHours hours = hours("MONDAY-FRIDAY", "UTC");
    // Monday 17:50 + 30 min = Tuesday 09:20.
    assertThat(hours.plusWorkingTime(Instant.parse("2026-12-07T17:50:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-12-08T09:20:00Z"));
    // Friday 17:50 + 30 min = Monday 09:20.
    assertThat(hours.plusWorkingTime(Instant.parse("2026-12-11T17:50:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-12-14T09:20:00Z"));
    // Saturday: the clock starts on Monday at 09:00.
    assertThat(hours.plusWorkingTime(Instant.parse("2026-12-12T10:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-12-14T11:00:00Z"));
    // Within the day it is plain addition; a whole day of work spans to the next morning.
    assertThat(hours.plusWorkingTime(Instant.parse("2026-12-07T10:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
    assertThat(hours.plusWorkingTime(Instant.parse("2026-12-07T10:00:00Z"), Duration.ofHours(9)))
        .isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
  }

  @Test
  void iransSaturdayToWednesdayWeekInTehranTime() {
    WorkingHours hours = hours("SATURDAY-WEDNESDAY", "Asia/Tehran");
    // Wednesday 17:50 in Tehran (14:20 UTC) + 30 min = Saturday 09:20 in Tehran (05:50 UTC).
    assertThat(hours.plusWorkingTime(Instant.parse("2026-12-09T14:20:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-12-12T05:50:00Z"));
    assertThat(hours.isOpen(Instant.parse("2026-12-11T08:00:00Z"))).isFalse(); // Friday
    assertThat(hours.describe(Instant.parse("2026-12-12T05:30:00Z"))).isEqualTo("Sat 2026-12-12 09:00 (Asia/Tehran)");
  }

  @Test
  void asTheEnginesCalendarDurationsCountWorkingTimeAndDatesStayAsTheyAre() {
    WorkingHours hours = hours("MONDAY-FRIDAY", "UTC");
    Date friday = Date.from(Instant.parse("2026-12-11T17:50:00Z"));
    assertThat(hours.resolveDuedate("PT30M", friday).toInstant()).isEqualTo(Instant.parse("2026-12-14T09:20:00Z"));
    assertThat(hours.resolveDuedate("2026-12-24T10:00:00Z", friday).toInstant())
        .isEqualTo(Instant.parse("2026-12-24T10:00:00Z"));
  }

  @Test
  void aBadSettingIsRefusedAtStart() {
    assertThatThrownBy(() -> hours("FUNDAY", "UTC")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SupportSettings("MONDAY", LocalTime.of(18, 0), LocalTime.of(9, 0), ZoneId.of("UTC"),
        List.of(), Duration.ofDays(7), Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
