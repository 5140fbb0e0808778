package io.omnijourney.customer;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A valid international phone number (checked with libphonenumber); null is allowed. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PhoneNumber.Validator.class)
public @interface PhoneNumber {
  String message() default "must be a valid international phone number, such as +989121234567";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks with {@link ContactFormats#e164}. */
  class Validator implements ConstraintValidator<PhoneNumber, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || ContactFormats.e164(value).isPresent();
    }
  }
}
