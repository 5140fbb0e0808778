package io.omnijourney.customer;

import io.omnijourney.web.InvalidRequest.FieldError;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a customer's data as a journey start does ({@code @Valid} on its {@code customer}, then
 * {@link CustomerUpdate#problems}), for the routes that take a customer outside a start: the
 * profile's {@code PUT} and the import.
 */
@Component
public class CustomerValidation {

  private final Validator validator;

  CustomerValidation(Validator validator) {
    this.validator = validator;
  }

  /** Every bad field, its name after {@code prefix}, in field order; empty when the data is good. */
  public List<FieldError> problems(CustomerUpdate data, String prefix) {
    List<FieldError> problems = new ArrayList<>();
    validator.validate(data).forEach(violation ->
        problems.add(new FieldError(prefix + violation.getPropertyPath(), violation.getMessage())));
    problems.addAll(data.problems(prefix));
    problems.sort(Comparator.comparing(FieldError::field));
    return problems;
  }
}
