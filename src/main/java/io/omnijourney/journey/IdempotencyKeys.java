package io.omnijourney.journey;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembers which journey each {@code Idempotency-Key} started. */
@Repository
class IdempotencyKeys {

  record Claim(String requestHash, String journeyId) {}

  private final JdbcClient jdbc;

  IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Claim> find(String key) {
    return jdbc.sql("SELECT request_hash, journey_id FROM idempotency_key WHERE idem_key = ?")
        .param(key)
        .query((rs, row) -> new Claim(rs.getString("request_hash"), rs.getString("journey_id")))
        .optional();
  }

  /** Fails with a duplicate-key error when another request claimed the key first. */
  void claim(String key, String requestHash, String journeyId) {
    jdbc.sql("INSERT INTO idempotency_key (idem_key, request_hash, journey_id, created_at) VALUES (?, ?, ?, ?)")
        .params(key, requestHash, journeyId, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }
}
