package io.omnijourney.delivery;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.RootJourney;
import io.omnijourney.channel.Channel;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * One send task's inputs. {@code sequence} counts the sends its process instance has committed; a
 * retried job sees the same count (the failed attempt's increment was rolled back), so it reuses its
 * delivery instead of creating a second one. {@code journeyId} is the top-level journey, which
 * differs from {@code instanceId} when the send runs in a called diagram ("Deliver with fallback").
 * {@code policyNote} says why the send waited, if it did (quiet hours, the frequency cap);
 * {@code messageRef} which of the journey's messages this is, when the journey names it (an
 * operator's reply), else null.
 */
public record SendRequest(
    String journeyId,
    String instanceId,
    String activityId,
    int sequence,
    String customerId,
    Channel channel,
    String template,
    String policyNote,
    Map<String, Object> variables,
    String messageRef) {

  /** A send that is not one of several messages the journey names. */
  public SendRequest(String journeyId, String instanceId, String activityId, int sequence, String customerId,
      Channel channel, String template, String policyNote, Map<String, Object> variables) {
    this(journeyId, instanceId, activityId, sequence, customerId, channel, template, policyNote, variables, null);
  }

  public String sendKey() {
    return instanceId + ":" + activityId + ":" + sequence;
  }

  /** Reads the task's inputs and counts this send on the process instance. */
  public static SendRequest from(DelegateExecution execution) {
    String channelId = String.valueOf(execution.getVariable(Vars.CHANNEL));
    Channel channel = Channel.fromId(channelId)
        .orElseThrow(() -> new IllegalArgumentException(
            "Send task " + execution.getCurrentActivityId() + " has an unknown channel '" + channelId + "'"));
    Object template = execution.getVariable(Vars.TEMPLATE);
    if (template == null) {
      throw new IllegalArgumentException("Send task " + execution.getCurrentActivityId() + " has no template input");
    }
    Object previous = execution.getVariable(Vars.SEND_SEQUENCE);
    int sequence = previous instanceof Number n ? n.intValue() + 1 : 1;
    execution.getProcessInstance().setVariable(Vars.SEND_SEQUENCE, sequence);
    Object policyNote = execution.getVariable(Vars.POLICY_NOTE);
    Object messageRef = execution.getVariable(Vars.MESSAGE_REF);
    return new SendRequest(
        RootJourney.of(execution).getProcessInstanceId(),
        execution.getProcessInstanceId(),
        execution.getCurrentActivityId(),
        sequence,
        (String) execution.getVariable(Vars.CUSTOMER_ID),
        channel,
        template.toString(),
        policyNote == null ? null : policyNote.toString(),
        execution.getVariables(),
        messageRef == null ? null : messageRef.toString());
  }
}
