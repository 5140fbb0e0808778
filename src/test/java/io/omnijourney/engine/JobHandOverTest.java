package io.omnijourney.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.JourneyTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hand-over of a request's jobs (ADR 13) where these tests can drive it: the engine uses the
 * hand-over's job manager, and jobs the job threads cannot take are unlocked for acquisition.
 * With the job executor running, PostgresJourneyTest shows a start's send job locked for the node
 * in its own transaction and sent after the commit.
 */
class JobHandOverTest extends JourneyTest {

  @Autowired JdbcClient jdbc;

  @Test
  void theEngineCreatesJobsThroughTheHandOverJobManager() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JobManager manager = configuration.getCommandExecutorTxRequired().execute((Command<JobManager>) context -> context.getJobManager());
    assertThat(manager).isInstanceOf(HandOverJobManager.class);
  }

  @Test
  void withoutARunningJobExecutorAJobIsLeftUnlockedForAcquisition() {
    Job send = sendJobOfANewJourney();
    assertThat(lockOwner(send)).isNull();
  }

  @Test
  void jobsTheBusyJobThreadsRefuseAreUnlockedAtOnceForAcquisition() {
    Job send = sendJobOfANewJourney();
    jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = 'this-node', LOCK_EXP_TIME_ = DATEADD('MINUTE', 2, CURRENT_TIMESTAMP)"
        + " WHERE ID_ = ?").param(send.getId()).update();
    SpringJobExecutor busy = new SpringJobExecutor();
    busy.setTaskExecutor(task -> {
      throw new TaskRejectedException("every job thread is busy and the queue is full");
    });

    HandOverJobManager.run((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(), busy,
        List.of(send.getId()));

    assertThat(lockOwner(send)).isNull();
    assertThat(management.createJobQuery().jobId(send.getId()).singleResult().getRetries())
        .as("not run, not failed").isEqualTo(send.getRetries());
  }

  private Job sendJobOfANewJourney() {
    String journey = startOrderConfirmation(Map.of()).getId();
    return management.createJobQuery().processInstanceId(journey).singleResult();
  }

  private String lockOwner(Job job) {
    return jdbc.sql("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?").param(job.getId())
        .query((row, n) -> row.getString(1)).list().get(0);
  }
}
