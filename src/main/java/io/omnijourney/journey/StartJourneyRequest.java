package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn;
import io.omnijourney.customer.CustomerUpdate;
import io.omnijourney.web.InvalidRequest.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/journeys}. */
public record StartJourneyRequest(
    @NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a playbook name such as order-confirmation")
        String playbook,
    @Size(max = 255) String businessKey,
    @NotNull @Valid CustomerUpdate customer,
    Map<String, Object> variables) {

  /**
   * Checks what annotations cannot: the time zone, and the variables. A variable must be a string,
   * number or boolean; one named {@code ...Timeout}, {@code ...Delay} or {@code ...Lead} must be an
   * ISO-8601 duration such as PT10S, and one named {@code ...At} an ISO-8601 date-time with its
   * offset, because timers read them.
   */
  List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>();
    if (customer != null) {
      customer.problems("customer.").forEach(problems::add);
    }
    problems.addAll(variableProblems(variables));
    return problems;
  }

  /**
   * The bad entries of a start's {@code variables} (a campaign's too), each as {@code variables.<name>}.
   * {@code sendAt}, when given, says when the playbook's marketing goes: {@code bestHour} or
   * {@code playbookTime}.
   */
  public static List<FieldError> variableProblems(Map<String, Object> variables) {
    List<FieldError> problems = new ArrayList<>();
    if (variables != null) {
      variables.forEach((name, value) -> {
        String field = "variables." + name;
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
          problems.add(new FieldError(field, "is not a valid variable name"));
        } else if (name.startsWith(Bpmn.Vars.CUSTOMER_PREFIX) || name.equals(Bpmn.Vars.SEND_SEQUENCE)) {
          problems.add(new FieldError(field, "is reserved; pass contact data in 'customer'"));
        } else if (name.equals(Bpmn.Vars.CAMPAIGN_ID)) {
          problems.add(new FieldError(field, "is reserved: campaigns set it on the journeys they start"));
        } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          problems.add(new FieldError(field, "must be a string, number or boolean"));
        } else if ((name.endsWith("Timeout") || name.endsWith("Delay") || name.endsWith("Lead"))
            && !isDuration(value)) {
          problems.add(new FieldError(field, "must be an ISO-8601 duration such as PT10S"));
        } else if (name.endsWith("At") && !isDateTime(value)) {
          problems.add(new FieldError(field,
              "must be an ISO-8601 date-time with its offset such as 2026-12-10T10:30:00+03:30"));
        } else if (name.equals(Bpmn.Vars.SEND_AT) && !List.of(Bpmn.Vars.BEST_HOUR, Bpmn.Vars.PLAYBOOK_TIME).contains(value)) {
          problems.add(new FieldError(field, "must be " + Bpmn.Vars.BEST_HOUR + " (the customer's best hour) or "
              + Bpmn.Vars.PLAYBOOK_TIME + " (when the playbook gets there)"));
        }
      });
    }
    return problems;
  }

  private static boolean isDateTime(Object value) {
    try {
      return value instanceof String s && OffsetDateTime.parse(s) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDuration(Object value) {
    try {
      return value instanceof String s && !Duration.parse(s).isNegative();
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
