package io.omnijourney.bpmn;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The journey an execution belongs to. A reusable diagram such as "Deliver with fallback" runs as a
 * called process instance of its own; its sends and decisions belong to the journey that called it.
 */
public final class RootJourney {

  private RootJourney() {}

  /** The top-level process instance: the journey's id. */
  public static DelegateExecution of(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance;
  }

  /** The playbook of the journey: the name of its BPMN file, e.g. order-confirmation. */
  public static String playbook(DelegateExecution execution) {
    return PlaybookNames.playbookOf(of(execution).getProcessDefinitionId().split(":")[0]);
  }
}
