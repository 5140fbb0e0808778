package io.omnijourney.engine;

import java.lang.management.ManagementFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each node's job executor locks jobs under the node's own name, the JVM's {@code <pid>@<host>},
 * instead of a random UUID that names nothing. On several nodes sharing one database,
 * {@code ACT_RU_JOB.LOCK_OWNER_} then says which node holds which job, for example the jobs of a
 * node that died, which wait for their lock to expire (docs/cluster.md). The name only labels the
 * lock: Camunda decides who may run a job by the lock's expiry, never by comparing owners.
 */
@Component
public class JobLockOwnerPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(JobLockOwnerPlugin.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor executor = configuration.getJobExecutor();
    if (executor != null) {
      executor.setLockOwner(ManagementFactory.getRuntimeMXBean().getName());
      log.info("The job executor locks jobs as {}", executor.getLockOwner());
    }
  }
}
