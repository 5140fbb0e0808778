package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.bpmn.RootJourney;
import io.omnijourney.bpmn.SetsVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Split A/B": puts the journey's customer into one of the {@code variants} the analyst weighted
 * ({@code A:70, B:30}), sets {@code variant} for the exclusive gateway after it, and records it on the
 * journey for the KPIs per variant. The split is named by its playbook and step, so the same
 * customer always takes the same path of it ({@link Variants}).
 */
@Component("splitVariants")
@SetsVariables(Vars.VARIANT)
class SplitVariantsDelegate implements JavaDelegate {

  private final JourneyRecords records;

  SplitVariantsDelegate(JourneyRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String split = execution.getProcessDefinitionId().split(":")[0] + "/" + execution.getCurrentActivityId();
    Variants variants;
    try {
      Object weights = execution.getVariable(Vars.VARIANTS);
      variants = Variants.parse(weights == null ? null : weights.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(split + ": " + e.getMessage(), e);
    }
    String variant = variants.of((String) execution.getVariable(Vars.CUSTOMER_ID), split);
    execution.setVariable(Vars.VARIANT, variant);
    records.variant(RootJourney.of(execution).getProcessInstanceId(), variant);
  }
}
