package io.omnijourney.conversation;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates each support queue ({@code omnijourney.support.queues}) as a Camunda group when missing:
 * the conversations' tasks name it as their candidate group, and an admin makes operators members
 * of the queues they work in Admin.
 */
@Component
class SupportQueues extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(SupportQueues.class);

  private final SupportSettings settings;

  SupportQueues(SupportSettings settings) {
    this.settings = settings;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (String queue : settings.queues()) {
      if (identity.createGroupQuery().groupId(queue).count() == 0) {
        Group group = identity.newGroup(queue);
        group.setName("Support queue: " + queue);
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        identity.saveGroup(group);
        log.info("Created the support queue {}", queue);
      }
    }
  }
}
