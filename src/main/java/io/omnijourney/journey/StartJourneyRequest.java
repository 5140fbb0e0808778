package io.omnijourney.journey;

import io.omnijourney.customer.ContactData;
import io.omnijourney.customer.Customer;
import io.omnijourney.customer.PhoneNumber;
import io.omnijourney.web.InvalidRequest.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/journeys}. */
public record StartJourneyRequest(
    @NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a playbook name such as order-confirmation")
        String playbook,
    @Size(max = 255) String businessKey,
    @NotNull @Valid CustomerData customer,
    Map<String, Object> variables) {

  /** The customer; fields beyond {@code id} are optional and update the one profile. */
  public record CustomerData(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "may hold letters, digits and . _ : @ -")
          String id,
      @PhoneNumber String phone,
      @Email(regexp = ".+@.+\\..+") @Size(max = 320) String email,
      @Pattern(regexp = "-?[0-9]{1,20}", message = "must be a numeric Telegram chat id") String telegramChatId,
      @PhoneNumber String whatsapp,
      @Size(max = 128) String viberId,
      @Size(max = 512) String pushToken,
      @Pattern(regexp = "fa|ru|en", message = "must be one of fa, ru, en") String locale,
      @Size(max = 64) String timeZone) {

    Customer toProfile() {
      return new Customer(id, ContactData.e164(phone).orElse(null), ContactData.email(email).orElse(null),
          ContactData.e164(whatsapp).orElse(null), telegramChatId, viberId, pushToken, locale, timeZone);
    }
  }

  /**
   * Checks what annotations cannot: the time zone, and the variables. A variable must be a string,
   * number or boolean; one named {@code ...Timeout} or {@code ...Delay} must be an ISO-8601 duration
   * such as PT10S, because timers read it.
   */
  List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>();
    if (customer != null && customer.timeZone() != null) {
      try {
        ZoneId.of(customer.timeZone());
      } catch (DateTimeException e) {
        problems.add(new FieldError("customer.timeZone", "must be a time zone id such as Asia/Tehran"));
      }
    }
    if (variables != null) {
      variables.forEach((name, value) -> {
        String field = "variables." + name;
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
          problems.add(new FieldError(field, "is not a valid variable name"));
        } else if (name.startsWith(Bpmn.Vars.CUSTOMER_PREFIX) || name.equals(Bpmn.Vars.SEND_SEQUENCE)) {
          problems.add(new FieldError(field, "is reserved; pass contact data in 'customer'"));
        } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          problems.add(new FieldError(field, "must be a string, number or boolean"));
        } else if ((name.endsWith("Timeout") || name.endsWith("Delay")) && !isDuration(value)) {
          problems.add(new FieldError(field, "must be an ISO-8601 duration such as PT10S"));
        }
      });
    }
    return problems;
  }

  private static boolean isDuration(Object value) {
    try {
      return value instanceof String s && !Duration.parse(s).isNegative();
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
