package io.omnijourney.conversation;

import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.channel.Channel;
import io.omnijourney.conversation.ConversationThread.Message;
import io.omnijourney.conversation.ConversationThread.Note;
import io.omnijourney.conversation.Conversations.Call;
import io.omnijourney.customer.Customer;
import io.omnijourney.customer.Customers;
import io.omnijourney.inbox.CardNumbers;
import io.omnijourney.security.Role;
import io.omnijourney.template.MessageTemplates;
import io.omnijourney.template.MessageTemplates.TemplateException;
import io.omnijourney.web.Conflict;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do with a conversation, through the API. Each action locks the conversation's
 * row and acts on its journey the way Tasklist would: claiming or completing the open task when
 * there is one ("Answer the customer", "Call the customer"), or else sending the journey the
 * message its diagram waits for. What the state does not allow (answering a resolved
 * conversation, claiming one another operator owns) is a {@link Conflict}.
 */
@Service
public class ConversationActions {

  /** Task definition keys of the diagram's user tasks. */
  static final String ANSWER_TASK = "Task_Answer";
  static final String CALL_TASK = "Task_Call";
  static final int MAX_TEXT = 4000;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Set<String> CALL_OUTCOMES = Set.of("REACHED", "NO_ANSWER", "CALL_BACK");
  private static final List<String> TEAM = List.of(Role.OPERATORS.group(), Role.SUPERVISORS.group(), Role.ADMIN.group());

  /** A reply as asked: free text, or a template with its variables; {@code channel} to try first. */
  public record ReplyRequest(String text, String template, Map<String, Object> variables, String channel) {}

  public record CallRequest(String outcome, String summary, Integer durationSeconds) {}

  private final Conversations conversations;
  private final ConversationThread thread;
  private final Customers customers;
  private final MessageTemplates templates;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public ConversationActions(Conversations conversations, ConversationThread thread, Customers customers,
      MessageTemplates templates, @Lazy TaskService tasks, @Lazy RuntimeService runtime,
      @Lazy IdentityService identity) {
    this.conversations = conversations;
    this.thread = thread;
    this.customers = customers;
    this.templates = templates;
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
  }

  @Transactional
  public Conversation claim(String id, String user) {
    Conversation conversation = unresolved(id);
    if (conversation.assignee() != null && !conversation.assignee().equals(user)) {
      throw new Conflict("Conversation " + id + " is owned by " + conversation.assignee());
    }
    own(conversation, user);
    return conversations.find(id).orElseThrow();
  }

  @Transactional
  public Conversation assign(String id, String assignee) {
    Conversation conversation = unresolved(id);
    if (assignee == null || assignee.isBlank()) {
      throw new InvalidRequest(List.of(new FieldError("assignee", "is required")));
    }
    if (identity.createUserQuery().userId(assignee).count() == 0
        || identity.createGroupQuery().groupMember(assignee).groupIdIn(TEAM.toArray(String[]::new)).count() == 0) {
      throw new InvalidRequest(List.of(new FieldError("assignee", "is not an operator or supervisor")));
    }
    own(conversation, assignee);
    return conversations.find(id).orElseThrow();
  }

  /** The owner's open tasks are theirs; with none open, the journey remembers the owner for the next. */
  private void own(Conversation conversation, String user) {
    List<Task> open = openTasks(conversation);
    for (Task task : open) {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      } else if (!task.getAssignee().equals(user)) {
        tasks.setAssignee(task.getId(), user);
      }
    }
    if (open.isEmpty()) {
      conversations.assignee(conversation.conversationId(), user);
      runtime.setVariable(conversation.journeyId(), Vars.OWNER, user);
    }
  }

  /** Releases what {@code user} owns: their conversations go back to their queues. */
  @Transactional
  public void release(String user) {
    for (Conversation conversation : conversations.ownedBy(user)) {
      List<Task> open = openTasks(conversation);
      open.forEach(task -> tasks.setAssignee(task.getId(), null));
      conversations.assignee(conversation.conversationId(), null);
      if (conversation.journeyId() != null && runtime.createProcessInstanceQuery()
          .processInstanceId(conversation.journeyId()).count() > 0) {
        runtime.setVariable(conversation.journeyId(), Vars.OWNER, null);
      }
    }
  }

  @Transactional
  public Message reply(String id, String user, ReplyRequest request) {
    Conversation conversation = unresolved(id);
    Map<String, Object> variables = replyVariables(conversation, user, request);
    Optional<Task> answer = task(conversation, ANSWER_TASK);
    if (answer.isPresent()) {
      variables.put(Vars.ACTION, Vars.ACTION_REPLY);
      tasks.complete(answer.get().getId(), variables);
    } else if (conversation.status() == ConversationStatus.WAITING_FOR_CUSTOMER) {
      runtime.createMessageCorrelation(Messages.OPERATOR_REPLIED)
          .processInstanceId(conversation.journeyId()).setVariables(variables).correlateWithResult();
    } else {
      throw new Conflict("Conversation " + id + " is being opened; answer it in a moment");
    }
    String replyId = (String) variables.get(Vars.REPLY_ID);
    return thread.messages(conversations.find(id).orElseThrow()).stream()
        .filter(m -> replyId.equals(m.replyId())).findFirst().orElseThrow();
  }

  private Map<String, Object> replyVariables(Conversation conversation, String user, ReplyRequest request) {
    List<FieldError> errors = new ArrayList<>();
    boolean hasText = request.text() != null && !request.text().isBlank();
    boolean hasTemplate = request.template() != null && !request.template().isBlank();
    if (hasText == hasTemplate) {
      errors.add(new FieldError(hasText ? "template" : "text", "give either text or template, not both and not neither"));
    } else if (hasText && request.text().length() > MAX_TEXT) {
      errors.add(new FieldError("text", "is longer than " + MAX_TEXT + " characters"));
    }
    Channel first = null;
    if (request.channel() != null) {
      first = Channel.fromId(request.channel()).orElse(null);
      if (first == null) {
        errors.add(new FieldError("channel", "is not one of " + Channel.idsOf(List.of(Channel.values()))));
      }
    }
    Map<String, Object> variables = new HashMap<>(request.variables() == null ? Map.of() : request.variables());
    variables.put(Vars.TICKET_NUMBER, conversation.ticketNumber());
    String text = hasText ? CardNumbers.mask(request.text().strip()) : null;
    if (hasTemplate && errors.isEmpty()) {
      text = rendered(conversation, request.template(), first, variables, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors);
    }
    variables.put(Vars.REPLY_ID, UUID.randomUUID().toString());
    variables.put(Vars.REPLY_TEXT, text);
    variables.put(Vars.REPLY_TEMPLATE, hasTemplate ? request.template() : null);
    variables.put(Vars.REPLY_AUTHOR, user);
    variables.put(Vars.FIRST_CHANNEL, first == null ? null : first.id());
    return variables;
  }

  /** A canned reply's text as the customer will read it first, which also proves it renders. */
  private String rendered(Conversation conversation, String template, Channel first, Map<String, Object> variables,
      List<FieldError> errors) {
    Channel channel = first != null ? first : Channel.fromId(conversation.channel()).orElse(Channel.EMAIL);
    if (!templates.exists(template, channel)) {
      errors.add(new FieldError("template", "has no text for " + channel.id()));
      return null;
    }
    Customer customer = customers.find(conversation.customerId()).orElse(null);
    // As the send will: with the customer's profile for {{customer.name}} and their attributes.
    Map<String, Object> model = new HashMap<>(variables);
    if (customer != null) {
      model.put(MessageTemplates.CUSTOMER, customers.templateModel(customer));
    }
    try {
      return templates.render(template, channel, customer == null ? null : customer.locale(), model).text();
    } catch (TemplateException e) {
      errors.add(new FieldError("variables", e.getMessage()));
      return null;
    }
  }

  @Transactional
  public Note note(String id, String user, String text) {
    Conversation conversation = existing(id);
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      throw new InvalidRequest(List.of(new FieldError("text", "must be 1 to " + MAX_TEXT + " characters")));
    }
    String masked = CardNumbers.mask(text.strip());
    String taskId = task(conversation, ANSWER_TASK).map(Task::getId).orElse(null);
    identity.setAuthenticatedUserId(user);
    try {
      tasks.createComment(taskId, conversation.journeyId(), masked);
    } finally {
      identity.clearAuthentication();
    }
    List<Note> notes = thread.notes(conversation);
    return notes.get(notes.size() - 1);
  }

  @Transactional
  public Conversation labels(String id, List<String> labels) {
    existing(id);
    List<FieldError> errors = new ArrayList<>();
    if (labels == null) {
      errors.add(new FieldError("body", "must be a list of labels"));
    } else {
      for (int i = 0; i < labels.size(); i++) {
        if (labels.get(i) == null || !LABEL.matcher(labels.get(i)).matches()) {
          errors.add(new FieldError("[" + i + "]", "must be lower-case letters, digits and -, at most 64"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors);
    }
    conversations.labels(id, labels);
    return conversations.find(id).orElseThrow();
  }

  @Transactional
  public Call call(String id, String user, CallRequest request) {
    Conversation conversation = unresolved(id);
    List<FieldError> errors = new ArrayList<>();
    if (request.outcome() == null || !CALL_OUTCOMES.contains(request.outcome())) {
      errors.add(new FieldError("outcome", "must be one of REACHED, NO_ANSWER, CALL_BACK"));
    }
    if (request.summary() != null && request.summary().length() > MAX_TEXT) {
      errors.add(new FieldError("summary", "is longer than " + MAX_TEXT + " characters"));
    }
    if (request.durationSeconds() != null && request.durationSeconds() < 0) {
      errors.add(new FieldError("durationSeconds", "must not be negative"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(Vars.CALL_OUTCOME, request.outcome());
    variables.put(Vars.CALL_SUMMARY, request.summary());
    variables.put(Vars.CALL_DURATION, request.durationSeconds());
    variables.put(Vars.CALL_AUTHOR, user);
    Optional<Task> callTask = task(conversation, CALL_TASK);
    if (callTask.isPresent()) {
      tasks.complete(callTask.get().getId(), variables);
    } else {
      runtime.createMessageCorrelation(Messages.CALL_LOGGED)
          .processInstanceId(conversation.journeyId()).setVariables(variables).correlateWithResult();
    }
    List<Call> calls = thread.calls(conversation);
    return calls.get(calls.size() - 1);
  }

  @Transactional
  public Conversation resolve(String id, String resolution) {
    Conversation conversation = unresolved(id);
    if (resolution != null && resolution.length() > MAX_TEXT) {
      throw new InvalidRequest(List.of(new FieldError("resolution", "is longer than " + MAX_TEXT + " characters")));
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(Vars.RESOLUTION, resolution);
    Optional<Task> answer = task(conversation, ANSWER_TASK);
    if (answer.isPresent()) {
      variables.put(Vars.ACTION, Vars.ACTION_RESOLVE);
      tasks.complete(answer.get().getId(), variables);
    } else if (conversation.status() == ConversationStatus.WAITING_FOR_CUSTOMER) {
      runtime.createMessageCorrelation(Messages.CONVERSATION_RESOLVED)
          .processInstanceId(conversation.journeyId()).setVariables(variables).correlateWithResult();
    } else {
      throw new Conflict("Conversation " + id + " is being opened; resolve it in a moment");
    }
    return conversations.find(id).orElseThrow();
  }

  private Conversation existing(String id) {
    return conversations.lock(id).orElseThrow(() -> new NotFound("No conversation '" + id + "'"));
  }

  private Conversation unresolved(String id) {
    Conversation conversation = existing(id);
    if (!conversation.open()) {
      throw new Conflict("Conversation " + id + " is resolved");
    }
    return conversation;
  }

  private List<Task> openTasks(Conversation conversation) {
    if (conversation.journeyId() == null) {
      return List.of();
    }
    return tasks.createTaskQuery().processInstanceId(conversation.journeyId()).active().list();
  }

  private Optional<Task> task(Conversation conversation, String key) {
    return openTasks(conversation).stream().filter(t -> key.equals(t.getTaskDefinitionKey())).findFirst();
  }
}
