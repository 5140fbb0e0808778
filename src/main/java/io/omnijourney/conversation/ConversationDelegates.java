package io.omnijourney.conversation;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.SetsVariables;
import io.omnijourney.channel.Channel;
import io.omnijourney.conversation.Conversations.Call;
import io.omnijourney.conversation.Conversations.Reply;
import io.omnijourney.customer.Customers;
import io.omnijourney.inbox.CardNumbers;
import io.omnijourney.kpi.SupportMetrics;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The service tasks of {@code bpmn/support-conversation.bpmn}. Each is thin: it reads the task's
 * variables and records what happened in {@link Conversations}, in the engine's transaction.
 */
@Configuration(proxyBeanMethods = false)
class ConversationDelegates {

  private static String conversationId(DelegateExecution execution) {
    return (String) execution.getVariable(Vars.CONVERSATION_ID);
  }

  /**
   * "Open conversation": the row the inbox lists, with the topic and queue the decisions chose; a
   * repeat contact when the customer asked about the same topic within the window; where the
   * acknowledgement goes (email when the customer has one); whether the team works now and, if not,
   * when it is back.
   */
  @Component("openConversation")
  @SetsVariables({Vars.OWNER, Vars.TICKET_NUMBER, Vars.ACK_CHANNEL, Vars.TEAM_AT_WORK, Vars.BACK_AT})
  static class Open implements JavaDelegate {
    private final Conversations conversations;
    private final Customers customers;
    private final WorkingHours workingHours;
    private final SupportSettings settings;

    Open(Conversations conversations, Customers customers, WorkingHours workingHours, SupportSettings settings) {
      this.conversations = conversations;
      this.customers = customers;
      this.workingHours = workingHours;
      this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String id = conversationId(execution);
      String customerId = (String) execution.getVariable(Vars.CUSTOMER_ID);
      String channel = (String) execution.getVariable(Vars.CONVERSATION_CHANNEL);
      String topic = (String) execution.getVariable(Vars.TOPIC);
      OffsetDateTime now = Conversations.now();
      boolean repeat = conversations.contactedBefore(customerId, topic, now.minus(settings.repeatContactWindow()), id);
      conversations.open(id, execution.getProcessInstanceId(), customerId, channel,
          (String) execution.getVariable(Vars.QUEUE), topic, repeat);
      boolean hasEmail = customers.find(customerId).map(c -> c.email() != null).orElse(false);
      Instant at = now.toInstant();
      boolean atWork = workingHours.isOpen(at);
      if (!atWork) {
        conversations.awayReplied(id);
      }
      execution.setVariable(Vars.OWNER, null);
      execution.setVariable(Vars.TICKET_NUMBER, Conversation.ticketNumberOf(id));
      execution.setVariable(Vars.ACK_CHANNEL, hasEmail ? Channel.EMAIL.id() : channel);
      execution.setVariable(Vars.TEAM_AT_WORK, atWork);
      execution.setVariable(Vars.BACK_AT, workingHours.describe(workingHours.nextOpening(at)));
    }
  }

  /**
   * "Record reply": the operator's words (card numbers masked) go into the thread, and the reply's
   * deliveries carry its {@code messageRef}, so the thread shows their status and fallbacks.
   */
  @Component("recordReply")
  @SetsVariables({Vars.REPLY_ID, Vars.MESSAGE_REF, Vars.REPLY_TEXT, Vars.REPLY_TEMPLATE})
  static class RecordReply implements JavaDelegate {
    static final String FREE_TEXT_TEMPLATE = "support-reply";
    private final Conversations conversations;

    RecordReply(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Object given = execution.getVariable(Vars.REPLY_ID);
      String replyId = given == null || conversations.replyExists(given.toString())
          ? UUID.randomUUID().toString() : given.toString();
      String text = CardNumbers.mask((String) execution.getVariable(Vars.REPLY_TEXT));
      Object template = execution.getVariable(Vars.REPLY_TEMPLATE);
      String templateId = template == null || template.toString().isBlank() ? FREE_TEXT_TEMPLATE : template.toString();
      Object author = execution.getVariable(Vars.REPLY_AUTHOR);
      Object first = execution.getVariable(Vars.FIRST_CHANNEL);
      // Where it goes first: the channel the operator chose, else the customer's latest one.
      Object channel = first != null ? first : execution.getVariable(Vars.CONVERSATION_CHANNEL);
      conversations.replied(conversationId(execution), new Reply(replyId, author == null ? "unknown" : author.toString(),
          channel == null ? null : channel.toString(), templateId, text, Conversations.now()));
      execution.setVariable(Vars.REPLY_ID, replyId);
      execution.setVariable(Vars.REPLY_TEXT, text);
      execution.setVariable(Vars.MESSAGE_REF, "reply:" + replyId);
      execution.setVariable(Vars.REPLY_TEMPLATE, templateId);
    }
  }

  /** "Record call": the call's outcome and summary, and the sections of the summary email. */
  @Component("recordCall")
  @SetsVariables({Vars.CALL_REACHED, Vars.CALL_NO_ANSWER, Vars.CALL_BACK, Vars.CALL_SUMMARY})
  static class RecordCall implements JavaDelegate {
    private final Conversations conversations;

    RecordCall(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String outcome = String.valueOf(execution.getVariable(Vars.CALL_OUTCOME));
      String summary = CardNumbers.mask((String) execution.getVariable(Vars.CALL_SUMMARY));
      Object duration = execution.getVariable(Vars.CALL_DURATION);
      Object author = execution.getVariable(Vars.CALL_AUTHOR);
      conversations.called(conversationId(execution), new Call(author == null ? "unknown" : author.toString(), outcome,
          summary, duration instanceof Number n ? n.intValue() : null, Conversations.now()));
      execution.setVariable(Vars.CALL_SUMMARY, summary == null || summary.isBlank() ? null : summary);
      execution.setVariable(Vars.CALL_REACHED, "REACHED".equals(outcome));
      execution.setVariable(Vars.CALL_NO_ANSWER, "NO_ANSWER".equals(outcome));
      execution.setVariable(Vars.CALL_BACK, "CALL_BACK".equals(outcome));
    }
  }

  /**
   * "Escalate to supervisors": the answer is late. The conversation is marked breached, and its
   * open task goes to the supervisors' queue too, at high priority.
   */
  @Component("escalateConversation")
  static class Escalate implements JavaDelegate {
    static final int ESCALATED_PRIORITY = 100;
    private final Conversations conversations;
    private final TaskService tasks;
    private final SupportMetrics metrics;

    Escalate(Conversations conversations, @Lazy TaskService tasks, SupportMetrics metrics) {
      this.conversations = conversations;
      this.tasks = tasks;
      this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
      conversations.breached(conversationId(execution));
      metrics.slaBreached(String.valueOf(execution.getVariable(Vars.QUEUE)));
      tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list().forEach(task -> {
        tasks.addCandidateGroup(task.getId(), io.omnijourney.security.Role.SUPERVISORS.group());
        tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
      });
    }
  }

  /** "Record resolution". */
  @Component("resolveConversation")
  static class Resolve implements JavaDelegate {
    private final Conversations conversations;

    Resolve(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Object resolution = execution.getVariable(Vars.RESOLUTION);
      conversations.resolved(conversationId(execution),
          resolution == null ? null : CardNumbers.mask(resolution.toString()));
    }
  }

  /** "Record the rating": the survey's answer, 1 to 5. */
  @Component("recordRating")
  static class RecordRating implements JavaDelegate {
    private final Conversations conversations;

    RecordRating(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void execute(DelegateExecution execution) {
      conversations.rated(conversationId(execution), ((Number) execution.getVariable(Vars.SURVEY_SCORE)).intValue());
    }
  }
}
