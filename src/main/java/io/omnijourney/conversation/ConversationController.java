package io.omnijourney.conversation;

import io.omnijourney.conversation.ConversationActions.CallRequest;
import io.omnijourney.conversation.ConversationActions.ReplyRequest;
import io.omnijourney.conversation.ConversationThread.Context;
import io.omnijourney.conversation.ConversationThread.Message;
import io.omnijourney.conversation.ConversationThread.Note;
import io.omnijourney.conversation.Conversations.Call;
import io.omnijourney.conversation.Conversations.Filter;
import io.omnijourney.conversation.Conversations.QueueLoad;
import io.omnijourney.Transactions;
import io.omnijourney.web.Conflict;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/conversations}: the team's shared inbox. Operators see and act on the conversations
 * of their queues (the queue groups they are members of); supervisors and admins on every queue. A
 * conversation outside the caller's queues answers 404, as if it did not exist.
 */
@RestController
@RequestMapping("/api/conversations")
@Tag(name = "Conversations", description = "The shared inbox: customers' messages on every channel, one owner each")
class ConversationController {

  /** A conversation with its thread, notes, calls and the customer's context. */
  record ConversationDetail(Conversation conversation, List<Message> messages, List<Note> notes, List<Call> calls,
      Context context) {

    @com.fasterxml.jackson.annotation.JsonUnwrapped
    public Conversation conversation() {
      return conversation;
    }
  }

  record AssignRequest(String assignee) {}

  record NoteRequest(String text) {}

  record ResolveRequest(String resolution) {}

  private static final int LIMIT = 500;
  private static final int ATTEMPTS = 3;

  private final Conversations conversations;
  private final ConversationActions actions;
  private final ConversationThread thread;
  private final SupportSettings settings;
  private final Transactions transactions;
  private final CallerQueues callerQueues;

  ConversationController(Conversations conversations, ConversationActions actions, ConversationThread thread,
      SupportSettings settings, Transactions transactions, CallerQueues callerQueues) {
    this.transactions = transactions;
    this.callerQueues = callerQueues;
    this.conversations = conversations;
    this.actions = actions;
    this.thread = thread;
    this.settings = settings;
  }

  @Operation(summary = "List conversations, newest activity first", description = """
      `assignee=me` is the caller, `assignee=none` the unassigned ones; `status` may list several,       `status=OPEN,WAITING_FOR_CUSTOMER` is every unresolved one. Operators see their queues only.""")
  @GetMapping
  List<Conversation> list(
      @Parameter(description = "OPEN, WAITING_FOR_CUSTOMER or RESOLVED, or several separated by commas")
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String queue,
      @Parameter(description = "A user id, `me` or `none`") @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String label,
      @RequestParam(required = false) String customerId,
      Authentication caller) {
    Set<ConversationStatus> wanted = null;
    if (status != null) {
      try {
        wanted = Arrays.stream(status.split(",", -1)).map(String::trim).map(ConversationStatus::valueOf)
            .collect(Collectors.toSet());
      } catch (IllegalArgumentException e) {
        throw new InvalidRequest(List.of(new FieldError("status",
            "must be OPEN, WAITING_FOR_CUSTOMER or RESOLVED, or several separated by commas")));
      }
    }
    String who = "me".equals(assignee) ? caller.getName() : assignee;
    return conversations.list(new Filter(wanted, queue, "none".equals(who) ? null : who, "none".equals(who), label,
        customerId, queuesOf(caller)), LIMIT);
  }

  @Operation(summary = "Each queue's unresolved conversations: open, waiting for the customer, unassigned, breached",
      description = "The caller's queues: an operator's own, every queue for supervisors.")
  @GetMapping("/queues")
  List<QueueLoad> queues(Authentication caller) {
    Set<String> queues = queuesOf(caller);
    return queues == null ? conversations.load(settings.queues(), true) : conversations.load(queues, false);
  }

  @Operation(summary = "A conversation with its messages, notes, calls and the customer's context")
  @GetMapping("/{id}")
  ConversationDetail get(@PathVariable String id, Authentication caller) {
    Conversation conversation = visible(id, caller);
    return new ConversationDetail(conversation, thread.messages(conversation), thread.notes(conversation),
        thread.calls(conversation), thread.context(conversation));
  }

  @Operation(summary = "Claim: the caller becomes the owner (409 when someone else owns it)")
  @PostMapping("/{id}/claim")
  Conversation claim(@PathVariable String id, Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.claim(id, caller.getName()));
  }

  @Operation(summary = "Assign to an operator or supervisor (supervisors)")
  @PostMapping("/{id}/assign")
  Conversation assign(@PathVariable String id, @RequestBody AssignRequest request, Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.assign(id, request.assignee()));
  }

  @Operation(summary = "Answer on the customer's channel", description = """
      Free `text`, or a `template` (a canned reply) with its `variables`; `channel` to try first. It goes out \
      through the delivery ledger with fallback to the customer's other channels; the answer is the reply as \
      the thread shows it, its `deliveryStatus` PENDING until its first delivery is made.""")
  @PostMapping("/{id}/replies")
  @ResponseStatus(HttpStatus.CREATED)
  Message reply(@PathVariable String id, @RequestBody ReplyRequest request, Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.reply(id, caller.getName(), request));
  }

  @Operation(summary = "Add an internal note, never sent to the customer")
  @PostMapping("/{id}/notes")
  @ResponseStatus(HttpStatus.CREATED)
  Note note(@PathVariable String id, @RequestBody NoteRequest request, Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.note(id, caller.getName(), request.text()));
  }

  @Operation(summary = "Replace the labels")
  @PutMapping("/{id}/labels")
  Conversation labels(@PathVariable String id, @RequestBody List<String> labels, Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.labels(id, labels));
  }

  @Operation(summary = "Log a call; a summary email goes to the customer")
  @PostMapping("/{id}/calls")
  @ResponseStatus(HttpStatus.CREATED)
  Call call(@PathVariable String id, @RequestBody CallRequest request, Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.call(id, caller.getName(), request));
  }

  @Operation(summary = "Resolve; the satisfaction survey goes to the customer")
  @PostMapping("/{id}/resolve")
  Conversation resolve(@PathVariable String id, @RequestBody(required = false) ResolveRequest request,
      Authentication caller) {
    visible(id, caller);
    return retried(() -> actions.resolve(id, request == null ? null : request.resolution()));
  }

  /**
   * Runs an action again when the journey moved under it (its acknowledgement job or a timer ran
   * at the same moment); 409 when it kept racing.
   */
  private <T> T retried(Supplier<T> action) {
    return transactions.inOwnRetried(ATTEMPTS, action)
        .orElseThrow(() -> new Conflict("The conversation kept changing while this was done; try again"));
  }

  private Conversation visible(String id, Authentication caller) {
    Set<String> queues = queuesOf(caller);
    return conversations.find(id)
        .filter(c -> queues == null || queues.contains(c.queue()))
        .orElseThrow(() -> new NotFound("No conversation '" + id + "'"));
  }

  /** The queues the caller may see: null for every queue (supervisors, admins). */
  private Set<String> queuesOf(Authentication caller) {
    return callerQueues.everyQueue(caller) ? null : Set.copyOf(callerQueues.of(caller));
  }
}
