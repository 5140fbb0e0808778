package io.omnijourney.conversation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The team's working hours as a Camunda business calendar: the engine resolves every due date
 * with it, a user task's {@code camunda:dueDate} and a timer of type <em>date</em>. A due date given
 * as an ISO duration ({@code PT30M}) counts working time only: 30 minutes from 17:50, with working
 * hours 09:00–18:00, is 09:20 on the next working day. A date ({@code 2026-12-07T09:00:00Z}) stays as
 * it is. Timers of type <em>duration</em> and <em>cycle</em> keep counting clock time, so the
 * playbooks' "not delivered within 5 minutes" are unchanged.
 */
@Component
public class WorkingHours implements BusinessCalendar {

  private static final DateTimeFormatter BACK_AT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

  private final SupportSettings settings;
  private final Set<DayOfWeek> days;
  private final BusinessCalendar dates = new DueDateBusinessCalendar();

  public WorkingHours(SupportSettings settings) {
    this.settings = settings;
    this.days = settings.workingDays();
  }

  /** Whether the team works at {@code at}. */
  public boolean isOpen(Instant at) {
    ZonedDateTime local = at.atZone(settings.timeZone());
    return days.contains(local.getDayOfWeek())
        && !local.toLocalTime().isBefore(settings.start())
        && local.toLocalTime().isBefore(settings.end());
  }

  /** {@code at} itself when the team works then, else the start of the next working day. */
  public Instant nextOpening(Instant at) {
    if (isOpen(at)) {
      return at;
    }
    ZonedDateTime local = at.atZone(settings.timeZone());
    ZonedDateTime candidate = local.toLocalTime().isBefore(settings.start())
        ? local.with(settings.start()) : local.plusDays(1).with(settings.start());
    while (!days.contains(candidate.getDayOfWeek())) {
      candidate = candidate.plusDays(1);
    }
    return candidate.toInstant();
  }

  /** {@code from} plus {@code duration} of working time. */
  public Instant plusWorkingTime(Instant from, Duration duration) {
    Instant at = nextOpening(from);
    Duration left = duration;
    while (true) {
      Instant closing = at.atZone(settings.timeZone()).with(settings.end()).toInstant();
      Duration available = Duration.between(at, closing);
      if (left.compareTo(available) <= 0) {
        return at.plus(left);
      }
      left = left.minus(available);
      at = nextOpening(closing);
    }
  }

  /** When the team is back, as the away reply says it: "Mon 2026-12-07 09:00 (Asia/Tehran)". */
  public String describe(Instant at) {
    return BACK_AT.format(at.atZone(settings.timeZone())) + " (" + settings.timeZone().getId() + ")";
  }

  @Override
  public Date resolveDuedate(String description) {
    return resolveDuedate(description, ClockUtil.getCurrentTime());
  }

  @Override
  public Date resolveDuedate(String description, Task task) {
    return resolveDuedate(description);
  }

  @Override
  public Date resolveDuedate(String description, Date startDate) {
    String trimmed = description.trim();
    if (trimmed.startsWith("P")) {
      try {
        return Date.from(plusWorkingTime(startDate.toInstant(), Duration.parse(trimmed)));
      } catch (DateTimeParseException notJavaDuration) {
        // P1M, P1Y and the like: calendar periods, which Camunda's own calendar resolves.
      }
    }
    return dates.resolveDuedate(description, startDate);
  }
}
