package io.omnijourney.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Puts {@link HandOverJobManager} in the place of the engine's job manager, so that a job a request
 * creates (a journey's first send) runs on this node right after the request commits, instead of
 * waiting for the job executor's next acquisition (ADR 13). {@code omnijourney.jobs.hand-over=false}
 * leaves every job to acquisition, as the Camunda starter does.
 */
@Component
@ConditionalOnProperty(name = "omnijourney.jobs.hand-over", havingValue = "true", matchIfMissing = true)
public class JobHandOverPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return JobManager.class;
      }

      @Override
      public Session openSession() {
        return new HandOverJobManager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }
}
