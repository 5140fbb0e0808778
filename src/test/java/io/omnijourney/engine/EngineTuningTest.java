package io.omnijourney.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.support.JourneyTest;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class EngineTuningTest extends JourneyTest {

  @Autowired JdbcClient jdbc;

  @Test
  void theJobTableHasTheDueDateIndexThatAcquisitionByDueDateNeeds() {
    assertThat(jdbc.sql("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
            + " WHERE TABLE_NAME = 'ACT_RU_JOB' AND INDEX_NAME = 'OJ_IDX_JOB_DUEDATE'")
        .query(String.class).list()).containsExactly("DUEDATE_");
  }

  @Test
  void durationsAreParsedWithoutScanningTheClassPathForADatatypeFactory() {
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
  }
}
