package io.omnijourney.customer;

import io.omnijourney.bpmn.Bpmn.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Moves the contact data an operator corrected in "Handle undeliverable customer" into the
 * customer profile, and removes it from the engine: contact data lives in the profile only.
 * It runs on the "retry" path only.
 */
@Component("updateContact")
class UpdateContactDelegate implements JavaDelegate {

  private final Customers customers;

  UpdateContactDelegate(Customers customers) {
    this.customers = customers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String customerId = (String) execution.getVariable(Vars.CUSTOMER_ID);
    String phone = take(execution, Vars.CORRECTED_PHONE);
    String whatsapp = take(execution, Vars.CORRECTED_WHATSAPP);
    String email = take(execution, Vars.CORRECTED_EMAIL);
    // The next round of "Handle undeliverable customer", if any, starts with an empty form.
    execution.removeVariable(Vars.OPERATOR_DECISION);
    customers.upsert(new ProfileChanges(customerId,
        phone == null ? null : ContactFormats.e164(phone).orElseThrow(() -> invalid(Vars.CORRECTED_PHONE)),
        email == null ? null : ContactFormats.email(email).orElseThrow(() -> invalid(Vars.CORRECTED_EMAIL)),
        whatsapp == null ? null : ContactFormats.e164(whatsapp).orElseThrow(() -> invalid(Vars.CORRECTED_WHATSAPP)),
        null, null, null, null, null));
  }

  private static String take(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    execution.removeVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static InvalidContactData invalid(String field) {
    return new InvalidContactData(field, "The operator's " + field + " is not valid; correct it and retry");
  }
}
