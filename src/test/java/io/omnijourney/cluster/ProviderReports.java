package io.omnijourney.cluster;

import io.omnijourney.channel.sandbox.SandboxCallbacks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The provider's delivery reports. The provider is the sandbox, told to take every message and
 * report nothing itself; what it took is in its outbox, which lives in the shared database as a
 * real provider's message log lives in its own system, so it outlives the node that sent. This
 * reads that log and reports "delivered", signed, for every message that reached its customer,
 * through the load balancer; a report is retried with the same event id until a node answers 2xx,
 * as providers retry their callbacks.
 */
final class ProviderReports implements AutoCloseable {

  /**
   * Rows of the outbox are read from this far below the highest id seen: ids are taken at insert
   * and committed in another order, so a row may appear after higher ones.
   */
  private static final long LATE_COMMITS = 1_000;

  private final JdbcClient db;
  private final LoadBalancer nodes;
  private final String secret;
  private final BiPredicate<String, String> reached;
  private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders = Executors.newFixedThreadPool(4);
  private final Set<Long> seen = new HashSet<>();
  private final AtomicLong reported = new AtomicLong();
  private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
  private long highest;

  /** {@code reached} tells by channel and recipient whether a message reached its customer. */
  ProviderReports(JdbcClient db, LoadBalancer nodes, String secret, BiPredicate<String, String> reached) {
    this.db = db;
    this.nodes = nodes;
    this.secret = secret;
    this.reached = reached;
    reader.scheduleWithFixedDelay(this::readOutbox, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** How many reports a node answered 2xx. */
  long reported() {
    return reported.get();
  }

  List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** Reads the outbox a last time and waits until every report has been answered. */
  void finish() throws InterruptedException {
    reader.shutdown();
    reader.awaitTermination(1, TimeUnit.MINUTES);
    readOutbox();
    senders.shutdown();
    if (!senders.awaitTermination(5, TimeUnit.MINUTES)) {
      failures.add(new IllegalStateException("reports still unanswered after 5 minutes"));
    }
  }

  @Override
  public void close() {
    reader.shutdownNow();
    senders.shutdownNow();
  }

  private synchronized void readOutbox() {
    try {
      record Message(long id, String channel, String recipient, String providerMessageId) {}
      List<Message> taken = db.sql("SELECT id, channel, recipient, provider_message_id FROM sandbox_outbox"
              + " WHERE id > ? AND provider_message_id IS NOT NULL ORDER BY id")
          .param(highest - LATE_COMMITS)
          .query((rs, row) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
          .list();
      for (Message message : taken) {
        if (seen.add(message.id())) {
          highest = Math.max(highest, message.id());
          if (reached.test(message.channel(), message.recipient())) {
            senders.submit(() -> report(message.providerMessageId()));
          }
        }
      }
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private void report(String providerMessageId) {
    String body = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"providerMessageId\": \"" + providerMessageId
        + "\", \"status\": \"delivered\", \"at\": \"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
    try {
      nodes.postWebhook("/webhooks/sandbox", body, "X-Sandbox-Signature", SandboxCallbacks.sign(secret, body));
      reported.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(e);
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }
}
