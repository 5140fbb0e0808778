package io.omnijourney.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that goes past {@code omnijourney.security.max-body-size}. An
 * {@link IOException}, since it comes out of the body's stream; {@link Problems} and
 * {@link BodySizeLimitFilter} answer it with 413.
 */
class BodyTooLarge extends IOException {

  BodyTooLarge(long limit) {
    super("The request body is larger than " + limit + " bytes");
  }
}
