package io.omnijourney.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
 *       the "not delivered" timer of every waiting journey. This and the next are the only DDL we run against
 *       an {@code ACT_*} table: each only adds an index, is idempotent, and runs after the engine
 *       has created or checked its schema. Where the database user may not create indexes, the
 *       warning tells a DBA what to run.
 *   <li><b>The locked jobs' index</b> (PostgreSQL). Each acquisition skips the jobs of journeys
 *       that have a job running ({@code NOT EXISTS} over locked jobs). Camunda's schema has no index
 *       for locked jobs, so PostgreSQL read the whole job table for them on every acquisition:
 *       27 ms with 100,000 journeys waiting and 5,000 timers due, 5 ms with this partial index,
 *       which holds only the locked jobs, a few dozen per node.
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

  /** PostgreSQL only: H2 has no partial indexes, and its tests never hold thousands of jobs. */
  static final String JOB_LOCKED_INDEX =
      "CREATE INDEX IF NOT EXISTS OJ_IDX_JOB_LOCKED ON ACT_RU_JOB (LOCK_EXP_TIME_) WHERE LOCK_OWNER_ IS NOT NULL";

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
      List<String> indexes = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
          ? List.of(JOB_DUEDATE_INDEX, JOB_LOCKED_INDEX) : List.of(JOB_DUEDATE_INDEX);
      for (String index : indexes) {
        statement.execute(index);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      log.warn("Could not create the job acquisition indexes, so job acquisition slows down as journeys wait."
          + " A DBA can run: {}; {} (PostgreSQL) ({})", JOB_DUEDATE_INDEX, JOB_LOCKED_INDEX, e.getMessage());
    }
  }
}
