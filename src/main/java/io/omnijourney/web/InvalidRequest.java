package io.omnijourney.web;

import java.util.List;

/** A request with bad fields, answered 400 with each field named. */
public class InvalidRequest extends RuntimeException {

  /** One bad field: its JSON path and what is wrong with it. */
  public record FieldError(String field, String message) {}

  private final List<FieldError> errors;

  public InvalidRequest(List<FieldError> errors) {
    super("Invalid request: " + errors);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
