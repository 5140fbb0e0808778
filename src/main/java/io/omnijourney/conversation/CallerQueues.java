package io.omnijourney.conversation;

import io.omnijourney.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The queues a member of the team works, for the API and the inbox page alike: supervisors and
 * administrators every queue, an operator the queues among their groups.
 */
@Component
class CallerQueues {

  private final SupportSettings settings;

  CallerQueues(SupportSettings settings) {
    this.settings = settings;
  }

  boolean everyQueue(Authentication caller) {
    return Role.any(caller, Role.SUPERVISORS, Role.ADMIN);
  }

  /** The configured queues the caller works, in their configured order. */
  List<String> of(Authentication caller) {
    if (everyQueue(caller)) {
      return settings.queues();
    }
    Set<String> groups = Role.groupsOf(caller);
    return settings.queues().stream().filter(groups::contains).toList();
  }
}
