package io.omnijourney.conversation;

import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Makes {@link WorkingHours} the engine's calendar for due dates (user tasks and date timers). */
@Component
class WorkingHoursPlugin extends AbstractProcessEnginePlugin {

  private final WorkingHours workingHours;

  WorkingHoursPlugin(WorkingHours workingHours) {
    this.workingHours = workingHours;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // The engine's own manager, with Camunda's duration and cycle calendars kept as they are.
    ((MapBusinessCalendarManager) configuration.getBusinessCalendarManager())
        .addBusinessCalendar(DueDateBusinessCalendar.NAME, workingHours);
  }
}
