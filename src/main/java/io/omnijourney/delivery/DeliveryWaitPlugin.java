package io.omnijourney.delivery;

import io.omnijourney.bpmn.Bpmn.Vars;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Finds every "wait for delivery" in every deployed diagram (a receive task with a
 * {@code deliveryId} input) and attaches {@link DeliveryWaits} to its start and end, so analysts
 * never have to wire listeners by hand. The listeners are built-in ones: process instance
 * modification and deletion cannot skip them.
 */
@Component
public class DeliveryWaitPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<DeliveryWaits> waits;

  public DeliveryWaitPlugin(ObjectProvider<DeliveryWaits> waits) {
    this.waits = waits;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (hasInput(element, Vars.DELIVERY_ID)) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> waits.getObject().started(e));
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> waits.getObject().ended(e));
        }
      }
    });
  }

  /** Whether the element declares a {@code camunda:inputParameter} of that name. */
  static boolean hasInput(Element element, String name) {
    if ("inputParameter".equals(localName(element)) && name.equals(element.attribute("name"))) {
      return true;
    }
    return element.elements().stream().anyMatch(child -> hasInput(child, name));
  }

  private static String localName(Element element) {
    String tag = element.getTagName();
    return tag.substring(tag.indexOf(':') + 1);
  }
}
