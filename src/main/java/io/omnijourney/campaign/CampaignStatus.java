package io.omnijourney.campaign;

/**
 * Where a campaign stands. SCHEDULED until its first batch runs (at {@code startAt}), RUNNING while
 * batches start its customers' journeys, DONE once every customer of its audience is handled.
 * PAUSED and CANCELLED are the callers' doing; a paused campaign resumes where it stopped.
 */
public enum CampaignStatus {
  SCHEDULED,
  RUNNING,
  PAUSED,
  DONE,
  CANCELLED;

  /** Whether its batches go on. */
  boolean active() {
    return this == SCHEDULED || this == RUNNING;
  }
}
