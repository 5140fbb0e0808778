package io.omnijourney.engine;

import io.omnijourney.SchemaLock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine is built under the {@link SchemaLock}: Camunda creates or updates its tables while it
 * builds the engine, and nodes starting at once must take turns at that.
 */
@Component
public class SchemaLockPlugin extends AbstractProcessEnginePlugin {

  private final SchemaLock lock;

  public SchemaLockPlugin(SchemaLock lock) {
    this.lock = lock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    lock.take("building the engine");
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    lock.release();
  }
}
