package io.omnijourney.engine;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;

/**
 * The engine's job manager, except for a due job created outside the job executor (by a request):
 * it is locked for this node in the transaction that creates it, as Camunda locks the jobs it chains
 * inside one journey, and handed to this node's job threads once that transaction commits. The
 * request's journey then moves on at once, and the job costs no acquisition: no query, no lock
 * update, no commit of its own.
 *
 * <p>Nothing is lost on the way: the lock expires like any job lock, so if this node dies before
 * the job ran, any node's job executor takes it then. When the job threads are all busy and their
 * queue is full, the jobs are unlocked at once and left to acquisition. Jobs of one journey go to
 * one thread in the order they were created, as acquisition batches a journey's exclusive jobs.
 */
class HandOverJobManager extends JobManager {

  /** The jobs of this command to hand over, by journey (process instance). */
  private final Map<String, List<String>> handedOver = new HashMap<>();

  @Override
  protected void hintJobExecutor(JobEntity job) {
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    if (!(configuration.getJobExecutor() instanceof SpringJobExecutor executor) || !executor.isActive()
        || Context.getJobExecutorContext() != null || job.isSuspended() || !isJobDue(job)
        || !isJobPriorityInJobExecutorPriorityRange(job.getPriority())) {
      super.hintJobExecutor(job);
      return;
    }
    job.setLockOwner(executor.getLockOwner());
    job.setLockExpirationTime(new Date(ClockUtil.getCurrentTime().getTime() + executor.getLockTimeInMillis()));
    handedOver.computeIfAbsent(job.getProcessInstanceId(), journey -> {
      List<String> jobIds = new ArrayList<>();
      Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
          committed -> run(configuration, executor, jobIds));
      return jobIds;
    }).add(job.getId());
  }

  static void run(ProcessEngineConfigurationImpl configuration, SpringJobExecutor executor, List<String> jobIds) {
    try {
      executor.getTaskExecutor().execute(new HandedOverJobs(jobIds, configuration.getProcessEngine(), executor));
    } catch (RejectedExecutionException busy) {
      for (String jobId : jobIds) {
        configuration.getCommandExecutorTxRequiresNew().execute(new UnlockJobCmd(jobId));
      }
      executor.jobWasAdded();
    }
  }

  /**
   * Camunda's runnable for a batch of acquired jobs (retries, incidents, a journey's chained jobs,
   * unlocking when the executor stops), except that it does not wake acquisition when done. After
   * an acquired batch that wake-up finds the jobs the batch kept back; after a handed-over job there
   * are none, and the wake-up would cost an acquisition query and its commit per request.
   */
  private static final class HandedOverJobs extends ExecuteJobsRunnable {

    HandedOverJobs(List<String> jobIds, ProcessEngineImpl engine, JobExecutor executor) {
      super(jobIds, engine);
      this.jobExecutor = new WithoutWakeUp(executor);
    }
  }

  /** The job executor as {@link ExecuteJobsRunnable} sees it, minus {@link JobExecutor#jobWasAdded()}. */
  private static final class WithoutWakeUp extends JobExecutor {

    private final JobExecutor executor;

    WithoutWakeUp(JobExecutor executor) {
      this.executor = executor;
    }

    @Override
    public boolean isActive() {
      return executor.isActive();
    }

    @Override
    public void jobWasAdded() {
      // The point of this class: no acquisition for jobs that were never acquired.
    }

    @Override
    public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
      executor.executeJobs(jobIds, processEngine);
    }

    @Override
    protected void startExecutingJobs() {
      throw new UnsupportedOperationException("a view of the running job executor");
    }

    @Override
    protected void stopExecutingJobs() {
      throw new UnsupportedOperationException("a view of the running job executor");
    }
  }
}
