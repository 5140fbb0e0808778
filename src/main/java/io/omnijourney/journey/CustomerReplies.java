package io.omnijourney.journey;

import io.omnijourney.Transactions;
import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.customer.OptOutKeywords;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.inbox.CustomerMessages.CustomerWrote;
import io.omnijourney.inbox.CustomerMessages.Stored;
import io.omnijourney.journey.JourneyRecords.Reply;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A customer's message in the inbox, on any channel, is their reply: it is correlated as
 * {@code customer-replied} with every running journey of that customer waiting for one (those
 * waiting for something else, or started after the message, are left alone), with the variables
 * {@code replyChannel}, {@code repliedAt}, {@code replyMessageId} and {@code replyOptOut}. The text
 * stays in the inbox, where erasure finds it; the journey's record keeps which message reached it.
 *
 * <p>A reply that is an answer ({@link ReplyAnswers}: "1", "2", "STOP") goes first as the answer's
 * event, {@code customer-confirmed}, {@code customer-declined} or {@code customer-opted-out}: a
 * journey that waits for answers (an appointment reminder) gets it as such and not as a reply, and
 * any other message of the customer, a question say, is not taken by that journey but left to the
 * support inbox.
 *
 * <p>An opt-out keyword (STOP, СТОП, لغو, see {@link OptOutKeywords}) is correlated too, with
 * {@code replyOptOut = true}: the customer asked us to stop, so a journey waiting for a reply ends
 * without sending anything more; a diagram tells it apart from feedback by that variable.
 *
 * <p>Exactly once, crash or not: the inbox row is committed first, as {@code PENDING}; then, after
 * that commit, one transaction claims it and correlates. A node that dies in between leaves it
 * {@code PENDING}, and {@link #sweep} correlates it later. A failure here never reaches the webhook
 * that stored the message: it has answered the provider already, or answers it normally.
 */
@Component
public class CustomerReplies {

  private static final Logger log = LoggerFactory.getLogger(CustomerReplies.class);
  private static final int ATTEMPTS = 5;
  private static final int BATCH = 200;
  /**
   * The sweeper correlates replies received within this window. One still pending after a day (its
   * correlation failed every time) is left in the inbox rather than ending journeys a day late.
   */
  static final Duration SWEEP_WINDOW = Duration.ofDays(1);

  private final CustomerMessages inbox;
  private final JourneyRecords records;
  private final RuntimeService runtime;
  private final Transactions transactions;

  public CustomerReplies(CustomerMessages inbox, JourneyRecords records, @Lazy RuntimeService runtime,
      Transactions transactions) {
    this.inbox = inbox;
    this.records = records;
    this.runtime = runtime;
    this.transactions = transactions;
  }

  /** After the inbox row commits (at once when the webhook has no transaction). */
  @TransactionalEventListener(fallbackExecution = true)
  @Order(1)
  public void customerWrote(CustomerWrote wrote) {
    try {
      correlate(wrote.messageId());
    } catch (RuntimeException e) {
      log.warn("Inbound message {}: reply not correlated now, the sweeper retries ({})", wrote.messageId(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * Correlates one pending reply with its customer's journeys; returns how many it reached. Nothing
   * happens for a message that is not pending (already correlated, or not from a known customer).
   */
  public int correlate(long messageId) {
    return transactions.inOwnRetried(ATTEMPTS, () -> correlateOnce(messageId)).orElseGet(() -> {
      log.warn("Inbound message {}: reply not correlated after {} attempts; the sweeper retries", messageId, ATTEMPTS);
      return 0;
    });
  }

  private int correlateOnce(long messageId) {
    if (!inbox.claimReply(messageId)) {
      return 0;
    }
    Stored message = inbox.byId(messageId).orElseThrow();
    OffsetDateTime at = message.sentAt() != null ? message.sentAt() : message.receivedAt();
    Reply reply = new Reply(messageId, message.channel().id(), at, OptOutKeywords.isStop(message.text()));
    Optional<String> answer = ReplyAnswers.of(message.text());
    Map<String, Object> variables = Map.of(
        Vars.REPLY_CHANNEL, reply.channel(),
        Vars.REPLIED_AT, Date.from(at.toInstant()),
        Vars.REPLY_MESSAGE_ID, messageId,
        Vars.REPLY_OPT_OUT, reply.optOut());
    int reached = 0;
    for (String journey : records.activeOf(message.customerId(), message.receivedAt())) {
      // A journey that waits for the answer gets it as one, and not a second time as a reply.
      boolean waited = answer.isPresent() && correlated(answer.get(), journey, variables)
          || correlated(Events.CUSTOMER_REPLIED, journey, variables);
      if (waited) {
        records.replied(journey, reply);
        reached++;
      }
    }
    if (reached > 0) {
      log.info("Inbound message {} on {}: {} reached {} journeys", messageId, reply.channel(),
          reply.optOut() ? "an opt-out" : "a reply", reached);
    }
    return reached;
  }

  private boolean correlated(String event, String journey, Map<String, Object> variables) {
    return !runtime.createMessageCorrelation(event)
        .processInstanceId(journey)
        .setVariables(variables)
        .correlateAllWithResult()
        .isEmpty();
  }

  /** The backstop for replies whose correlation did not happen (a crash after the inbox's commit). */
  @Scheduled(
      fixedDelayString = "${omnijourney.delivery.sweep-interval:PT10S}",
      initialDelayString = "${omnijourney.delivery.sweep-interval:PT10S}")
  public void sweep() {
    try {
      inbox.pendingReplies(OffsetDateTime.now(ZoneOffset.UTC).minus(SWEEP_WINDOW), BATCH).forEach(this::correlate);
    } catch (RuntimeException e) {
      log.warn("Reply sweep failed; next round retries ({})", e.getClass().getSimpleName());
    }
  }
}
