package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.PlaybookNames;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.InvalidContactData;
import io.omnijourney.customer.ProfileChanges;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Runs in the engine's transaction when any journey starts or ends, however it was started
 * ({@code /api/journeys}, {@code /engine-rest}, Cockpit):
 * <ul>
 *   <li>at start, variables the diagram gives a default for and the caller did not set get it;
 *   <li>contact data passed as {@code customer*} variables moves into the customer profile and out of
 *       the engine, so no phone number or email lives in engine tables;
 *   <li>our journey record is written at start and its final status at the end; an end event
 *       that names the journey's outcome records it when the journey reaches it.
 * </ul>
 */
@Component
public class JourneyLifecycle {

  private final JourneyRecords journeys;
  private final Customers customers;

  public JourneyLifecycle(JourneyRecords journeys, Customers customers) {
    this.journeys = journeys;
    this.customers = customers;
  }

  void started(DelegateExecution execution, Map<String, String> defaults) {
    defaults.forEach((name, value) -> {
      if (execution.getVariable(name) == null) {
        execution.setVariable(name, value);
      }
    });
    absorbCustomer(execution);
    if (execution.getSuperExecution() == null) {
      journeys.started(
          execution.getProcessInstanceId(),
          PlaybookNames.playbookOf(execution.getProcessDefinitionId().split(":")[0]),
          execution.getProcessDefinitionId(),
          execution.getProcessBusinessKey(),
          (String) execution.getVariable(Vars.CUSTOMER_ID),
          (String) execution.getVariable(Vars.CAMPAIGN_ID));
    }
  }

  void ended(DelegateExecution execution, Map<String, JourneyStatus> endStatuses) {
    if (execution.getSuperExecution() != null) {
      return;
    }
    JourneyStatus status = execution.isCanceled()
        ? JourneyStatus.CANCELLED
        : endStatuses.getOrDefault(execution.getCurrentActivityId(), JourneyStatus.COMPLETED);
    journeys.ended(execution.getProcessInstanceId(), status);
  }

  /** A journey reached an end event naming its outcome; a called diagram's ends name none of the journey's. */
  void reached(DelegateExecution execution, String outcome) {
    if (execution.getProcessInstance().getSuperExecution() == null) {
      journeys.outcome(execution.getProcessInstanceId(), outcome);
    }
  }

  private void absorbCustomer(DelegateExecution execution) {
    String customerId = (String) execution.getVariable(Vars.CUSTOMER_ID);
    ProfileChanges update = new ProfileChanges(
        customerId,
        take(execution, "Phone", v -> ContactFormats.e164(v).orElseThrow(() -> invalid("Phone"))),
        take(execution, "Email", v -> ContactFormats.email(v).orElseThrow(() -> invalid("Email"))),
        take(execution, "Whatsapp", v -> ContactFormats.e164(v).orElseThrow(() -> invalid("Whatsapp"))),
        take(execution, "TelegramChatId", Function.identity()),
        take(execution, "ViberId", Function.identity()),
        take(execution, "PushToken", Function.identity()),
        take(execution, "Locale", Function.identity()),
        take(execution, "TimeZone", Function.identity()));
    boolean anyContact = update.phone() != null || update.email() != null || update.whatsapp() != null
        || update.telegramChatId() != null || update.viberId() != null || update.pushToken() != null
        || update.locale() != null || update.timeZone() != null;
    if (anyContact) {
      if (customerId == null) {
        throw new InvalidContactData(Vars.CUSTOMER_ID, "Contact data needs a '" + Vars.CUSTOMER_ID + "' variable");
      }
      customers.upsert(update);
    }
  }

  /** Reads and removes {@code customer<field>}. */
  private static String take(DelegateExecution execution, String field, Function<String, String> normalise) {
    String name = Vars.CUSTOMER_PREFIX + field;
    Object value = execution.getVariable(name);
    if (value == null) {
      return null;
    }
    execution.removeVariable(name);
    return normalise.apply(value.toString());
  }

  private static InvalidContactData invalid(String field) {
    String variable = Vars.CUSTOMER_PREFIX + field;
    return new InvalidContactData(variable, "Variable '" + variable + "' is not a valid value");
  }
}
