package io.omnijourney.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A campaign's batches are jobs of the engine's own job executor: each batch is a timer job, due when
 * the campaign's rate says, that any node may acquire; it runs {@link CampaignBatches#run} and
 * schedules the next one in the same transaction. So a batch either happens whole, with its next job,
 * or not at all and is run again (by this node after a failure, by another after this one died and the
 * job's lock expired). Timer jobs, because the job executor acquires timers first and by due date:
 * the campaign's pace does not queue behind the sends it causes.
 *
 * <p>A job carries its campaign and its place in the campaign's chain of jobs ({@link Batch#seq}):
 * only the job the campaign names as its latest does anything, so after a pause and a resume an
 * older job that was still waiting ends without effect.
 */
@Component
class CampaignJobs extends AbstractProcessEnginePlugin implements JobHandler<CampaignJobs.Batch> {

  static final String TYPE = "omnijourney-campaign-batch";

  /** The job's configuration: the campaign, and which of its batch jobs this is. */
  record Batch(String campaignId, int seq) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return campaignId + "/" + seq;
    }

    static Batch parse(String text) {
      int slash = text.lastIndexOf('/');
      return new Batch(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
    }
  }

  private final ObjectProvider<CampaignBatches> batches;
  private final ObjectProvider<ManagementService> management;
  private CommandExecutor commands;

  CampaignJobs(ObjectProvider<CampaignBatches> batches, ObjectProvider<ManagementService> management) {
    this.batches = batches;
    this.management = management;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(this);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    commands = configuration.getCommandExecutorTxRequired();
  }

  /** Schedules a batch in the caller's transaction, due at {@code due}; answers the job's id. */
  String schedule(Batch batch, Instant due) {
    return commands.execute(context -> {
      TimerEntity timer = new TimerEntity();
      timer.setJobHandlerType(TYPE);
      timer.setJobHandlerConfiguration(batch);
      timer.setDuedate(Date.from(due));
      context.getJobManager().schedule(timer);
      return timer.getId();
    });
  }

  /** Why the job failed, when it failed so often that it has no retries left (an incident). */
  Optional<String> failure(String jobId) {
    return Optional.ofNullable(jobId)
        .map(id -> management.getObject().createJobQuery().jobId(id).noRetriesLeft().singleResult())
        .map(Job::getExceptionMessage);
  }

  /** Deletes the job, with its incident, if it stopped for good: a resumed campaign has a new one. */
  void deleteIfFailed(String jobId) {
    if (failure(jobId).isPresent()) {
      management.getObject().deleteJob(jobId);
    }
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Batch batch, ExecutionEntity execution, CommandContext context, String tenantId) {
    batches.getObject().run(batch.campaignId(), batch.seq());
  }

  @Override
  public Batch newConfiguration(String canonicalString) {
    return Batch.parse(canonicalString);
  }

  @Override
  public void onDelete(Batch batch, JobEntity job) {
    // Nothing to tidy: the campaign's row says which job is its latest.
  }
}
