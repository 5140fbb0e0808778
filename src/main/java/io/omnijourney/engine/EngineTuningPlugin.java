package io.omnijourney.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine tuning that configuration properties cannot express, each measured with {@code bench/run}
 * (docs/benchmark.md has the figures).
 * <ul>
 *   <li><b>The job acquisition index.</b> We acquire jobs by due date
 *       ({@code jobExecutorAcquireByDueDate}) so timers fire in order, and Camunda's job executor
 *       guide recommends an index on {@code ACT_RU_JOB(DUEDATE_)} for that; its schema has none.
 *       Without it every acquisition, several times a second, reads and sorts every job, including
 *       the "not delivered" timer of every waiting journey. This is the one DDL we run against an
 *       {@code ACT_*} table: it only adds an index, it is idempotent, and it runs after the engine
 *       has created or checked its schema. Where the database user may not create indexes, the
 *       warning tells a DBA what to run.
 *   <li><b>The XML datatype factory.</b> Every timer's duration is parsed by a new
 *       {@link DatatypeFactory}, and without a configured implementation each lookup scans every
 *       jar on the class path for a service file: a profile of the benchmark found it in 6% of the
 *       job executor's samples. We name the JDK's own implementation, which is what the lookup
 *       ends with anyway.
 * </ul>
 */
@Component
public class EngineTuningPlugin extends AbstractProcessEnginePlugin {

  static final String JOB_DUEDATE_INDEX =
      "CREATE INDEX IF NOT EXISTS OJ_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_)";

  private static final Logger log = LoggerFactory.getLogger(EngineTuningPlugin.class);

  private DataSource dataSource;
  private boolean acquireByDueDate;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    dataSource = configuration.getDataSource();
    acquireByDueDate = configuration.isJobExecutorAcquireByDueDate();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (!acquireByDueDate) {
      return;
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(JOB_DUEDATE_INDEX);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      log.warn("Could not create the job acquisition index, so job acquisition slows down as journeys wait."
          + " A DBA can run: {} ({})", JOB_DUEDATE_INDEX, e.getMessage());
    }
  }
}
