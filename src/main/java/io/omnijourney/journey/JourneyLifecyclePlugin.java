package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Properties;
import io.omnijourney.bpmn.ExtensionProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link JourneyLifecycle} to the start and end of every deployed process, and reads what
 * analysts declare as extension properties in the Modeler:
 * <ul>
 *   <li>on the process, {@code default.<variable>}: a default value, e.g. {@code default.smsTimeout = PT5M};
 *   <li>on an end event, {@code journeyStatus}: the status a journey ending there has, e.g. FAILED;
 *   <li>on an end event, also one of an event sub-process, {@code journeyOutcome}: what ending
 *       there means to the application, e.g. {@code cancelled}, recorded when the journey reaches it.
 * </ul>
 */
@Component
public class JourneyLifecyclePlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<JourneyLifecycle> lifecycle;

  public JourneyLifecyclePlugin(ObjectProvider<JourneyLifecycle> lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element process, ProcessDefinitionEntity definition) {
        Map<String, String> defaults = new HashMap<>();
        ExtensionProperties.of(process).forEach((name, value) -> {
          if (name.startsWith(Properties.DEFAULT_PREFIX)) {
            defaults.put(name.substring(Properties.DEFAULT_PREFIX.length()), value);
          }
        });
        Map<String, JourneyStatus> endStatuses = new HashMap<>();
        process.elements("endEvent").forEach(end -> {
          String status = ExtensionProperties.of(end).get(Properties.JOURNEY_STATUS);
          if (status != null) {
            endStatuses.put(end.attribute("id"), JourneyStatus.valueOf(status));
          }
        });
        definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
            (ExecutionListener) execution -> lifecycle.getObject().started(execution, defaults));
        definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
            (ExecutionListener) execution -> lifecycle.getObject().ended(execution, endStatuses));
      }

      @Override
      public void parseEndEvent(Element end, ScopeImpl scope, ActivityImpl activity) {
        String outcome = ExtensionProperties.of(end).get(Properties.JOURNEY_OUTCOME);
        if (outcome != null && !outcome.isBlank()) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START,
              (ExecutionListener) execution -> lifecycle.getObject().reached(execution, outcome.strip()));
        }
      }
    });
  }

}
