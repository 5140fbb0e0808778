package io.omnijourney.journey;

/** Where a journey stands, as the API reports it. */
public enum JourneyStatus {
  ACTIVE,
  COMPLETED,
  CANCELLED,
  /** Ended at an end event marked {@code journeyStatus=FAILED}, e.g. "Customer unreachable". */
  FAILED
}
