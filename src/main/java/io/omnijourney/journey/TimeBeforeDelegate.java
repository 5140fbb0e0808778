package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.SetsVariables;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Time before": reads {@code deadline} (an ISO-8601 date-time with its offset, such as an
 * appointment or the end of a promotion) and {@code lead} (an ISO-8601 duration), and sets
 * {@code dueAt} to the deadline less the lead and {@code deadlineAt} to the deadline, each as a
 * date a timer waits for, or null when it has passed on the engine clock: a gateway after the task
 * then skips what is too late (a day-before reminder for an appointment in three hours).
 */
@Component("timeBefore")
@SetsVariables({Vars.DUE_AT, Vars.DEADLINE_AT})
class TimeBeforeDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Instant deadline = deadline(execution);
    Instant dueAt = deadline.minus(lead(execution));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    execution.setVariableLocal(Vars.DUE_AT, dueAt.isAfter(now) ? Date.from(dueAt) : null);
    execution.setVariableLocal(Vars.DEADLINE_AT, deadline.isAfter(now) ? Date.from(deadline) : null);
  }

  private static Instant deadline(DelegateExecution execution) {
    Object value = execution.getVariableLocal(Vars.DEADLINE);
    if (value instanceof Date date) {
      return date.toInstant();
    }
    try {
      return OffsetDateTime.parse(String.valueOf(value)).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(execution.getCurrentActivityId() + ": the deadline must be an ISO-8601"
          + " date-time with its offset, such as 2026-12-10T10:30:00+03:30, not '" + value + "'", e);
    }
  }

  private static Duration lead(DelegateExecution execution) {
    Object value = execution.getVariableLocal(Vars.LEAD);
    try {
      return Duration.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(execution.getCurrentActivityId() + ": the lead must be an ISO-8601"
          + " duration such as PT1H, not '" + value + "'", e);
    }
  }
}
