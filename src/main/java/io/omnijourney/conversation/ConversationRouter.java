package io.omnijourney.conversation;

import io.omnijourney.Transactions;
import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.customer.Customers;
import io.omnijourney.customer.OptOutKeywords;
import io.omnijourney.delivery.Deliveries;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.inbox.CustomerMessages.CustomerWrote;
import io.omnijourney.inbox.CustomerMessages.Stored;
import io.omnijourney.journey.JourneyRecords;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Takes each customer's message, on any channel, to its conversation:
 * <ol>
 *   <li>an email that answers one of ours or theirs ({@code In-Reply-To}, {@code References})
 *       joins that thread's conversation while it is open; any other message joins the customer's
 *       open conversation, if they have one (a conversation that waits for the customer is told,
 *       {@code conversation-message}, and becomes the team's turn again; outside working hours,
 *       the first such message of a conversation that had no away reply gets one,
 *       {@code after-hours-message});
 *   <li>a message that was a journey's awaited reply (feedback, "yes" to an offer) or an opt-out
 *       keyword opens nothing;
 *   <li>a score (1 to 5) while the customer's last conversation waits for their rating answers the
 *       survey ({@code survey-answered});
 *   <li>anything else opens a conversation: a new support-conversation journey, whose business key
 *       is the conversation's id.
 * </ol>
 * Like replies, exactly once: the message is stored {@code PENDING}; after that commit one
 * transaction takes it and routes it, with the customer's row locked so that two messages of one
 * customer never open two conversations. A message left {@code PENDING} (a crash in between) is
 * routed by {@link #sweep}.
 */
@Component
public class ConversationRouter {

  static final String PROCESS_KEY = "supportConversation";
  private static final Logger log = LoggerFactory.getLogger(ConversationRouter.class);
  private static final int ATTEMPTS = 5;
  private static final int BATCH = 200;
  private static final Duration SWEEP_WINDOW = Duration.ofDays(1);
  /** The sweeper leaves the newest messages to the listener that is routing them. */
  private static final Duration SWEEP_GRACE = Duration.ofSeconds(30);

  private final CustomerMessages inbox;
  private final Conversations conversations;
  private final Customers customers;
  private final JourneyRecords journeys;
  private final Deliveries deliveries;
  private final RuntimeService runtime;
  private final Transactions transactions;
  private final WorkingHours workingHours;
  private final TaskService tasks;
  private final ConversationThread thread;

  public ConversationRouter(CustomerMessages inbox, Conversations conversations, Customers customers,
      JourneyRecords journeys, Deliveries deliveries, @Lazy RuntimeService runtime, Transactions transactions,
      WorkingHours workingHours, @Lazy TaskService tasks, ConversationThread thread) {
    this.workingHours = workingHours;
    this.tasks = tasks;
    this.thread = thread;
    this.inbox = inbox;
    this.conversations = conversations;
    this.customers = customers;
    this.journeys = journeys;
    this.deliveries = deliveries;
    this.runtime = runtime;
    this.transactions = transactions;
  }

  /** After the inbox row commits, and after the message was offered to the journeys waiting for a reply. */
  @TransactionalEventListener(fallbackExecution = true)
  @Order(2)
  public void customerWrote(CustomerWrote wrote) {
    try {
      route(wrote.messageId());
    } catch (RuntimeException e) {
      // The class only: a database's message may quote the values it refused (an address, a text).
      log.warn("Inbound message {}: not routed to a conversation now, the sweeper retries ({})", wrote.messageId(),
          e.getClass().getSimpleName());
    }
  }

  /** Routes one pending message; returns its conversation, if it joined or opened one. */
  public Optional<String> route(long messageId) {
    return transactions.inOwnRetried(ATTEMPTS, () -> routeOnce(messageId)).orElseGet(() -> {
      log.warn("Inbound message {}: not routed after {} attempts; the sweeper retries", messageId, ATTEMPTS);
      return Optional.empty();
    });
  }

  private Optional<String> routeOnce(long messageId) {
    Stored message = inbox.byId(messageId).orElse(null);
    if (message == null || message.customerId() == null) {
      return Optional.empty();
    }
    customers.lock(message.customerId());
    if (!inbox.claimRouting(messageId)) {
      return Optional.empty();
    }
    Optional<Conversation> open = threaded(message).filter(Conversation::open)
        .or(() -> conversations.openOf(message.customerId()));
    if (open.isPresent()) {
      join(open.get(), message);
      return Optional.of(open.get().conversationId());
    }
    if (journeys.answeredBy(messageId) || OptOutKeywords.isStop(message.text())) {
      return Optional.empty();
    }
    OptionalInt score = SurveyScores.of(message.text());
    if (score.isPresent()) {
      Optional<String> rated = rate(message, score.getAsInt());
      if (rated.isPresent()) {
        return rated;
      }
    }
    return Optional.of(open(message));
  }

  /** The conversation an email's references name: one of the customer's messages, or one of our deliveries. */
  private Optional<Conversation> threaded(Stored message) {
    if (message.threadRefs().isEmpty()) {
      return Optional.empty();
    }
    return inbox.conversationOf(message.customerId(), message.threadRefs()).flatMap(conversations::find)
        .or(() -> message.threadRefs().stream()
            .map(ref -> deliveries.answered(message.channel(), ref))
            .flatMap(Optional::stream)
            .map(delivery -> delivery.journeyId())
            .map(conversations::ofJourney)
            .flatMap(Optional::stream)
            .findFirst());
  }

  private void join(Conversation conversation, Stored message) {
    inbox.joined(message.id(), conversation.conversationId());
    conversations.customerWrote(conversation.conversationId(), message.channel().id());
    if (!workingHours.isOpen(Conversations.now().toInstant()) && conversations.awayReplied(conversation.conversationId())) {
      runtime.createMessageCorrelation(Messages.AFTER_HOURS_MESSAGE)
          .processInstanceId(conversation.journeyId())
          .setVariable(Vars.BACK_AT, workingHours.describe(workingHours.nextOpening(Conversations.now().toInstant())))
          .correlateWithResult();
    }
    if (conversation.status() == ConversationStatus.WAITING_FOR_CUSTOMER) {
      runtime.createMessageCorrelation(Messages.CONVERSATION_MESSAGE)
          .processInstanceId(conversation.journeyId())
          .setVariable(Vars.CONVERSATION_CHANNEL, message.channel().id())
          .correlateAllWithResult();
    } else {
      runtime.setVariable(conversation.journeyId(), Vars.CONVERSATION_CHANNEL, message.channel().id());
      // The operator's open task shows the thread with this message too.
      tasks.createTaskQuery().processInstanceId(conversation.journeyId())
          .taskDefinitionKey(ConversationActions.ANSWER_TASK).active().list()
          .forEach(task -> tasks.setVariableLocal(task.getId(), Vars.CONVERSATION_HISTORY,
              thread.transcript(conversations.find(conversation.conversationId()).orElseThrow())));
    }
    log.info("Inbound message {} on {} joined conversation {}", message.id(), message.channel().id(),
        conversation.conversationId());
  }

  /** The customer's latest conversation waiting for a rating takes the score; empty when none waits. */
  private Optional<String> rate(Stored message, int score) {
    for (Conversation conversation : conversations.ofCustomer(message.customerId())) {
      if (conversation.status() == ConversationStatus.RESOLVED && conversation.csat() == null
          && conversation.journeyId() != null
          && !runtime.createMessageCorrelation(Messages.SURVEY_ANSWERED)
              .processInstanceId(conversation.journeyId())
              .setVariable(Vars.SURVEY_SCORE, score)
              .correlateAllWithResult().isEmpty()) {
        inbox.joined(message.id(), conversation.conversationId());
        log.info("Inbound message {}: rating {} for conversation {}", message.id(), score, conversation.conversationId());
        return Optional.of(conversation.conversationId());
      }
    }
    return Optional.empty();
  }

  private String open(Stored message) {
    String id = UUID.randomUUID().toString();
    // Joined first, so that the operator's task, created as the journey starts, shows the message.
    inbox.joined(message.id(), id);
    runtime.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(id)
        .setVariable(Vars.CONVERSATION_ID, id)
        .setVariable(Vars.CUSTOMER_ID, message.customerId())
        .setVariable(Vars.CONVERSATION_CHANNEL, message.channel().id())
        // Transient: the topic decision reads it at the start; the text stays in the inbox only.
        .setVariable(Vars.MESSAGE_TEXT, Variables.stringValue(message.text() == null ? "" : message.text(), true))
        .execute();
    log.info("Inbound message {} on {} opened conversation {}", message.id(), message.channel().id(), id);
    return id;
  }

  /** The backstop for messages whose routing did not happen (a crash after the inbox's commit). */
  @Scheduled(
      fixedDelayString = "${omnijourney.delivery.sweep-interval:PT10S}",
      initialDelayString = "${omnijourney.delivery.sweep-interval:PT10S}")
  public void sweep() {
    try {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      inbox.unrouted(now.minus(SWEEP_WINDOW), now.minus(SWEEP_GRACE), BATCH).forEach(this::route);
    } catch (RuntimeException e) {
      log.warn("Conversation sweep failed; next round retries ({})", e.getClass().getSimpleName());
    }
  }
}
