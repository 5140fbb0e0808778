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
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link JourneyLifecycle} to the start and end of every deployed process, and reads what
 * analysts declare as extension properties in the Modeler:
 * <ul>
 *   <li>on the process, {@code default.<variable>}: a default value, e.g. {@code default.smsTimeout = PT5M};
 *   <li>on an end event, {@code journeyStatus}: the status a journey ending there has, e.g. FAILED;
 *   <li>on an end event, {@code journeyOutcome}: what ending there means to the application, e.g.
 *       {@code cancelled}, recorded with the journey's end.
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
        Map<String, String> endOutcomes = new HashMap<>();
        process.elements("endEvent").forEach(end -> {
          Map<String, String> properties = ExtensionProperties.of(end);
          String status = properties.get(Properties.JOURNEY_STATUS);
          if (status != null) {
            endStatuses.put(end.attribute("id"), JourneyStatus.valueOf(status));
          }
          String outcome = properties.get(Properties.JOURNEY_OUTCOME);
          if (outcome != null && !outcome.isBlank()) {
            endOutcomes.put(end.attribute("id"), outcome.strip());
          }
        });
        definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
            (ExecutionListener) execution -> lifecycle.getObject().started(execution, defaults));
        definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
            (ExecutionListener) execution -> lifecycle.getObject().ended(execution, endStatuses, endOutcomes));
      }
    });
  }
}
