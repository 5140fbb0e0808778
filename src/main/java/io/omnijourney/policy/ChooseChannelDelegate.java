package io.omnijourney.policy;

import io.omnijourney.bpmn.Bpmn.Errors;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.RootJourney;
import io.omnijourney.bpmn.SetsVariables;
import io.omnijourney.channel.Channel;
import io.omnijourney.policy.ChannelChooser.Choice;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Choose next channel" in "Deliver with fallback": reads the message's category and template and
 * the channels tried so far (and the optional {@code firstChannel} to try before the policy's
 * order), asks {@link ChannelChooser}, and sets {@code channel}. When no channel
 * is left it throws the BPMN error {@code no-channel-left}.
 */
@Component("chooseChannel")
@SetsVariables({Vars.CHANNEL, Vars.CHANNEL_PLAN, Vars.TRIED_CHANNELS, Vars.POLICY_NOTE})
class ChooseChannelDelegate implements JavaDelegate {

  private final ChannelChooser chooser;

  ChooseChannelDelegate(ChannelChooser chooser) {
    this.chooser = chooser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object plan = execution.getVariable(Vars.CHANNEL_PLAN);
    Choice choice = chooser.next(
        (String) execution.getVariable(Vars.CUSTOMER_ID),
        RootJourney.playbook(execution),
        MessageCategory.of(execution),
        String.valueOf(execution.getVariable(Vars.TEMPLATE)),
        plan == null || plan.toString().isBlank() ? null : Channel.listOf(plan.toString()),
        Channel.listOf((String) execution.getVariable(Vars.TRIED_CHANNELS)),
        first(execution.getVariable(Vars.FIRST_CHANNEL)));
    execution.setVariable(Vars.CHANNEL_PLAN, Channel.idsOf(choice.plan()));
    execution.setVariable(Vars.TRIED_CHANNELS, Channel.idsOf(choice.tried()));
    execution.setVariable(Vars.POLICY_NOTE, null);
    Channel channel = choice.channel().orElseThrow(() -> new BpmnError(Errors.NO_CHANNEL_LEFT,
        "No channel left: tried or skipped " + Channel.idsOf(choice.tried())));
    execution.setVariable(Vars.CHANNEL, channel.id());
  }

  private static Channel first(Object channel) {
    return channel == null || channel.toString().isBlank() ? null : Channel.fromId(channel.toString()).orElse(null);
  }
}
