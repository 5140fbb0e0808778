package io.omnijourney.conversation;

import io.omnijourney.bpmn.Bpmn.Vars;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The listeners of {@code bpmn/support-conversation.bpmn}: they keep the inbox's row in step with
 * the diagram (whose turn it is, who owns it) and give the operator's form the thread.
 */
@Configuration(proxyBeanMethods = false)
class ConversationListeners {

  private static String conversationId(DelegateTask task) {
    return (String) task.getVariable(Vars.CONVERSATION_ID);
  }

  /** The operator who completed a task in Tasklist; null when our API completed it (it names the author). */
  private static String tasklistUser(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /**
   * On "Answer the customer": when it is created the conversation is the team's turn, due when the
   * task is (working hours), and the form gets the whole thread; claiming or assigning it makes
   * the owner; completing it in Tasklist names the operator as the reply's author.
   */
  @Component("answerTask")
  static class AnswerTask implements TaskListener {
    private final Conversations conversations;
    private final ConversationThread thread;

    AnswerTask(Conversations conversations, ConversationThread thread) {
      this.conversations = conversations;
      this.thread = thread;
    }

    @Override
    public void notify(DelegateTask task) {
      String id = conversationId(task);
      switch (task.getEventName()) {
        case EVENTNAME_CREATE -> {
          conversations.awaitingAnswer(id,
              task.getDueDate() == null ? null : task.getDueDate().toInstant().atOffset(ZoneOffset.UTC));
          conversations.find(id).ifPresent(c -> task.setVariableLocal(Vars.CONVERSATION_HISTORY, thread.transcript(c)));
          if (task.getAssignee() != null) {
            conversations.assignee(id, task.getAssignee());
          }
        }
        case EVENTNAME_ASSIGNMENT -> owner(conversations, task);
        case EVENTNAME_COMPLETE -> {
          String user = tasklistUser(task);
          if (user != null) {
            // A reply typed in Tasklist's form: free text on the customer's channel, whatever an
            // earlier reply through the API chose.
            task.getExecution().setVariable(Vars.REPLY_AUTHOR, user);
            task.getExecution().setVariable(Vars.REPLY_ID, null);
            task.getExecution().setVariable(Vars.REPLY_TEMPLATE, null);
            task.getExecution().setVariable(Vars.FIRST_CHANNEL, null);
          }
        }
        default -> { }
      }
    }
  }

  /** On "Call the customer": assigning makes the owner; completing it in Tasklist names who called. */
  @Component("callTask")
  static class CallTask implements TaskListener {
    private final Conversations conversations;

    CallTask(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void notify(DelegateTask task) {
      if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
        owner(conversations, task);
      } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
        String user = tasklistUser(task);
        if (user != null) {
          task.getExecution().setVariable(Vars.CALL_AUTHOR, user);
        }
      }
    }
  }

  private static void owner(Conversations conversations, DelegateTask task) {
    conversations.assignee(conversationId(task), task.getAssignee());
    task.getExecution().setVariable(Vars.OWNER, task.getAssignee());
  }

  /** On "Wait for the customer": the customer's turn. */
  @Component("waitingForCustomer")
  static class WaitingForCustomer implements ExecutionListener {
    private final Conversations conversations;

    WaitingForCustomer(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void notify(DelegateExecution execution) {
      conversations.status((String) execution.getVariable(Vars.CONVERSATION_ID), ConversationStatus.WAITING_FOR_CUSTOMER);
    }
  }

  /** On "Wait for the rating": the survey went out. */
  @Component("surveySent")
  static class SurveySent implements ExecutionListener {
    private final Conversations conversations;

    SurveySent(Conversations conversations) {
      this.conversations = conversations;
    }

    @Override
    public void notify(DelegateExecution execution) {
      conversations.surveySent((String) execution.getVariable(Vars.CONVERSATION_ID));
    }
  }
}
