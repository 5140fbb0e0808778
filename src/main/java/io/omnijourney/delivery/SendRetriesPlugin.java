package io.omnijourney.delivery;

import io.omnijourney.bpmn.Bpmn.Properties;
import io.omnijourney.bpmn.ExtensionProperties;
import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * How a failed send job is retried, beyond the diagram's retry cycle:
 * <ul>
 *   <li>a provider's "retry after" (a 429, Telegram's {@code retry_after}) and our own rate limit
 *       move the next try to after the wait, without holding a job thread; a send our own rate
 *       limit held back keeps its retries, since nothing failed;
 *   <li>a configuration or account problem (a bad key, no credit) becomes an incident at once:
 *       retrying cannot fix it, and the operator who fixes it retries the job from Cockpit.
 * </ul>
 * Every other failure follows the diagram's {@code failedJobRetryTimeCycle}, or the task's
 * {@code retryTimeCycle} property, which the "Send message" element template writes.
 */
@Component
class SendRetriesPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(SendRetriesPlugin::retryCommand);
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        applyRetryTimeCycleProperty(element, activity);
      }

      @Override
      public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        applyRetryTimeCycleProperty(element, activity);
      }
    });
  }

  /**
   * A task's {@code retryTimeCycle} property (what the "Send message" element template writes)
   * becomes its retry cycle, as {@code camunda:failedJobRetryTimeCycle} would; that element wins
   * when both are there. A malformed cycle fails the deployment, naming the task.
   */
  static void applyRetryTimeCycleProperty(Element element, ActivityImpl activity) {
    String cycle = ExtensionProperties.of(element).get(Properties.RETRY_TIME_CYCLE);
    if (cycle == null || cycle.isBlank() || hasRetryTimeCycleElement(element)) {
      return;
    }
    if (!RetryCycle.isValid(cycle)) {
      throw new ProcessEngineException("Task " + activity.getId() + ": " + Properties.RETRY_TIME_CYCLE + " '" + cycle
          + "' is not a retry cycle such as R3/PT30S or PT1M,PT5M");
    }
    activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
        ParseUtil.parseRetryIntervals(cycle.strip()));
  }

  private static boolean hasRetryTimeCycleElement(Element element) {
    Element extensions = element.element("extensionElements");
    return extensions != null && extensions.elements().stream()
        .anyMatch(child -> child.getTagName().endsWith("failedJobRetryTimeCycle"));
  }

  static Command<Object> retryCommand(String jobId, Throwable failure) {
    Command<Object> standard = new DefaultJobRetryCmd(jobId, failure);
    SendFailure.Transient wait = causeOfType(failure, SendFailure.Transient.class);
    boolean misconfigured = causeOfType(failure, SendFailure.Misconfigured.class) != null;
    if (!misconfigured && (wait == null || wait.retryAfter() == null || wait.retryAfter().isZero() || wait.retryAfter().isNegative())) {
      return standard;
    }
    return context -> {
      JobEntity job = context.getJobManager().findJobById(jobId);
      int retriesBefore = job == null ? 0 : job.getRetries();
      standard.execute(context);
      if (job == null) {
        return null;
      }
      if (misconfigured) {
        job.setRetries(0);
        return null;
      }
      Date earliest = new Date(ClockUtil.getCurrentTime().getTime() + wait.retryAfter().toMillis());
      if (job.getDuedate() == null || job.getDuedate().before(earliest)) {
        job.setDuedate(earliest);
      }
      if (wait.throttled() && retriesBefore > 0) {
        job.setRetries(retriesBefore);
      }
      return null;
    };
  }

  private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
