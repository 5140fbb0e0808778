package io.omnijourney.conversation;

import io.omnijourney.conversation.Conversations.Call;
import io.omnijourney.conversation.Conversations.Reply;
import io.omnijourney.customer.Customer;
import io.omnijourney.customer.Customers;
import io.omnijourney.delivery.Deliveries;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.journey.JourneyRecords;
import io.omnijourney.journey.JourneyRecords.Journey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * A conversation's thread across channels: the customer's messages, the operators' replies with
 * the status of their deliveries, and the messages the diagram sent by itself (acknowledgement,
 * away reply, apology, survey); the team's notes (Camunda comments on the journey) and calls;
 * and the customer's context, so that nobody asks again what they already said.
 */
@Service
public class ConversationThread {

  /** One delivery attempt of an outgoing message: its channel and status. */
  public record Attempt(String deliveryId, String channel, String status) {}

  /**
   * One message of the thread. {@code author} is {@code customer}, an operator's user id, or
   * {@code system} for what the diagram sent; {@code deliveryStatus} is that of the latest attempt
   * of an outgoing message ({@code PENDING} before the first), null for an incoming one.
   */
  public record Message(String direction, String channel, String text, OffsetDateTime at, String author,
      String deliveryStatus, String template, String replyId, List<Attempt> deliveries) {}

  public record Note(String author, String text, OffsetDateTime at) {}

  /** The customer as the operator needs them, their other conversations and their journeys. */
  public record Context(Customer customer, List<Conversation> otherConversations, List<Journey> journeys) {}

  static final String CUSTOMER = "customer";
  static final String SYSTEM = "system";
  private static final int JOURNEYS_SHOWN = 20;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private final Conversations conversations;
  private final CustomerMessages inbox;
  private final Deliveries deliveries;
  private final Customers customers;
  private final JourneyRecords journeys;
  private final TaskService tasks;

  public ConversationThread(Conversations conversations, CustomerMessages inbox, Deliveries deliveries,
      Customers customers, JourneyRecords journeys, @Lazy TaskService tasks) {
    this.conversations = conversations;
    this.inbox = inbox;
    this.deliveries = deliveries;
    this.customers = customers;
    this.journeys = journeys;
    this.tasks = tasks;
  }

  /** Every message, oldest first. */
  public List<Message> messages(Conversation conversation) {
    List<Message> messages = new ArrayList<>();
    for (CustomerMessages.Stored in : inbox.ofConversation(conversation.conversationId())) {
      messages.add(new Message("IN", in.channel().id(), in.text(), in.sentAt() != null ? in.sentAt() : in.receivedAt(),
          CUSTOMER, null, null, null, List.of()));
    }
    Set<String> replyDeliveries = new HashSet<>();
    for (Reply reply : conversations.replies(conversation.conversationId())) {
      List<Delivery> attempts = deliveries.ofMessage("reply:" + reply.id());
      attempts.forEach(d -> replyDeliveries.add(d.id()));
      Delivery latest = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
      messages.add(new Message("OUT", latest != null ? latest.channel().id() : reply.channel(), reply.text(), reply.at(),
          reply.author(), latest == null ? "PENDING" : latest.status().name(), reply.template(), reply.id(),
          attempts.stream().map(ConversationThread::attempt).toList()));
    }
    if (conversation.journeyId() != null) {
      for (Delivery sent : deliveries.ofJourney(conversation.journeyId())) {
        if (!replyDeliveries.contains(sent.id())) {
          messages.add(new Message("OUT", sent.channel().id(), null, sent.createdAt(), SYSTEM, sent.status().name(),
              sent.template(), null, List.of(attempt(sent))));
        }
      }
    }
    messages.sort(Comparator.comparing(Message::at));
    return messages;
  }

  private static Attempt attempt(Delivery delivery) {
    return new Attempt(delivery.id(), delivery.channel().id(), delivery.status().name());
  }

  /** The team's internal notes, oldest first. */
  public List<Note> notes(Conversation conversation) {
    if (conversation.journeyId() == null) {
      return List.of();
    }
    return tasks.getProcessInstanceComments(conversation.journeyId()).stream()
        .map(c -> new Note(c.getUserId(), c.getFullMessage(), c.getTime().toInstant().atOffset(ZoneOffset.UTC)))
        .sorted(Comparator.comparing(Note::at))
        .toList();
  }

  public List<Call> calls(Conversation conversation) {
    return conversations.calls(conversation.conversationId());
  }

  public Context context(Conversation conversation) {
    return new Context(
        customers.find(conversation.customerId()).orElse(null),
        conversations.ofCustomer(conversation.customerId()).stream()
            .filter(c -> !c.conversationId().equals(conversation.conversationId())).toList(),
        journeys.ofCustomer(conversation.customerId(), JOURNEYS_SHOWN).stream()
            .filter(j -> !j.id().equals(conversation.journeyId())).toList());
  }

  /**
   * The thread as text, for the operator's form in Tasklist: the latest part that fits a Camunda
   * string variable (4,000 characters), from a whole line; the rest is in the inbox.
   */
  String transcript(Conversation conversation) {
    String full = fullTranscript(conversation);
    if (full.length() <= MAX_TRANSCRIPT) {
      return full;
    }
    String tail = full.substring(full.length() - MAX_TRANSCRIPT + EARLIER.length());
    return EARLIER + tail.substring(tail.indexOf('\n') + 1);
  }

  private static final int MAX_TRANSCRIPT = 4000;
  private static final String EARLIER = "[earlier messages: see the conversation in the inbox]\n";

  private String fullTranscript(Conversation conversation) {
    StringBuilder text = new StringBuilder();
    for (Message message : messages(conversation)) {
      text.append(TIME.format(message.at().atZoneSameInstant(ZoneOffset.UTC))).append(" · ").append(message.channel())
          .append(" · ").append(message.author());
      if (message.deliveryStatus() != null) {
        text.append(" (").append(message.deliveryStatus().toLowerCase()).append(')');
      }
      text.append(": ").append(message.text() != null ? message.text() : "[" + message.template() + "]").append('\n');
    }
    for (Call call : calls(conversation)) {
      text.append(TIME.format(call.at().atZoneSameInstant(ZoneOffset.UTC))).append(" · call · ").append(call.author())
          .append(": ").append(call.outcome()).append(call.summary() != null ? " — " + call.summary() : "").append('\n');
    }
    return text.toString();
  }
}
