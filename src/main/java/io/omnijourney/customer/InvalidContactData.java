package io.omnijourney.customer;

/** Contact data that does not parse: an invalid phone number or email. The caller's mistake, answered 400. */
public class InvalidContactData extends RuntimeException {

  private final String field;

  public InvalidContactData(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
