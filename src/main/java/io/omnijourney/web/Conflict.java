package io.omnijourney.web;

/** The resource exists, but its state does not allow what was asked: answered 409. */
public class Conflict extends RuntimeException {
  public Conflict(String message) {
    super(message);
  }
}
