package io.omnijourney.policy;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.RootJourney;
import io.omnijourney.bpmn.SetsVariables;
import io.omnijourney.channel.Channel;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * "Find reachable channels": reads the message's {@code template} and {@code category} and sets
 * {@code reachableChannels}, the channel ids the customer can get it on now ({@link
 * ChannelChooser#reachable}), for a parallel multi-instance that sends on each of them at once. The
 * list is transient: the multi-instance reads it as it starts, and nothing stores it.
 */
@Component("findReachableChannels")
@SetsVariables(Vars.REACHABLE_CHANNELS)
class FindReachableChannelsDelegate implements JavaDelegate {

  private final ChannelChooser chooser;

  FindReachableChannelsDelegate(ChannelChooser chooser) {
    this.chooser = chooser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> channels = chooser.reachable(
        (String) execution.getVariable(Vars.CUSTOMER_ID),
        RootJourney.playbook(execution),
        MessageCategory.of(execution),
        String.valueOf(execution.getVariable(Vars.TEMPLATE))).stream().map(Channel::id).toList();
    execution.setVariable(Vars.REACHABLE_CHANNELS, Variables.objectValue(channels, true).create());
  }
}
