package io.omnijourney.campaign;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One campaign as stored: what to start (a playbook with its variables, for a segment or for the
 * listed customers), how fast, and how far it got. {@code segment} is null when the audience is a
 * list of ids. {@code cursor} is the last customer id handled (the walk goes in id order);
 * {@code batchSeq} names the live batch job, {@code nextBatchAt} when it is due, {@code jobId} its id.
 * Times that schedule batches are the engine's clock; {@code createdAt} is the wall clock, like the
 * journeys' own.
 */
record Campaign(
    String id,
    String name,
    String playbook,
    String segment,
    Map<String, Object> variables,
    Instant startAt,
    double ratePerSecond,
    CampaignStatus status,
    long audienceSize,
    String cursor,
    int batchSeq,
    Instant nextBatchAt,
    String jobId,
    String createdBy,
    OffsetDateTime createdAt,
    Instant startedAt,
    Instant endedAt) {

  Campaign withStatus(CampaignStatus status, long audienceSize, Instant startedAt, Instant endedAt) {
    return new Campaign(id, name, playbook, segment, variables, startAt, ratePerSecond, status, audienceSize, cursor,
        batchSeq, nextBatchAt, jobId, createdBy, createdAt, startedAt, endedAt);
  }

  /** Where the walk is, and its latest batch job: due at {@code nextBatchAt} (null, with its id, when there is none). */
  Campaign withNextBatch(String cursor, int batchSeq, Instant nextBatchAt, String jobId) {
    return new Campaign(id, name, playbook, segment, variables, startAt, ratePerSecond, status, audienceSize, cursor,
        batchSeq, nextBatchAt, jobId, createdBy, createdAt, startedAt, endedAt);
  }
}
