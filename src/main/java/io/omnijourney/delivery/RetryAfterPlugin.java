package io.omnijourney.delivery;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Honours a provider's "retry after" (a 429, Telegram's {@code retry_after}) and our own rate
 * limit without holding a job thread: a send job that failed with such a wait is retried along
 * its retry cycle as usual, but not before the wait is over. A send our own rate limit held back
 * keeps its retries, since nothing failed.
 */
@Component
class RetryAfterPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(RetryAfterPlugin::retryCommand);
  }

  static Command<Object> retryCommand(String jobId, Throwable failure) {
    Command<Object> standard = new DefaultJobRetryCmd(jobId, failure);
    SendFailure.Transient wait = waitNamedBy(failure);
    if (wait == null) {
      return standard;
    }
    return context -> {
      JobEntity job = context.getJobManager().findJobById(jobId);
      int retriesBefore = job == null ? 0 : job.getRetries();
      standard.execute(context);
      if (job == null) {
        return null;
      }
      Date earliest = new Date(ClockUtil.getCurrentTime().getTime() + wait.retryAfter().toMillis());
      if (job.getDuedate() == null || job.getDuedate().before(earliest)) {
        job.setDuedate(earliest);
      }
      if (wait.throttled() && job.getRetries() > 0) {
        job.setRetries(retriesBefore);
      }
      return null;
    };
  }

  /** The transient send failure with a wait in the cause chain, if there is one. */
  private static SendFailure.Transient waitNamedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SendFailure.Transient transientFailure && transientFailure.retryAfter() != null
          && transientFailure.retryAfter().compareTo(Duration.ZERO) > 0) {
        return transientFailure;
      }
    }
    return null;
  }
}
