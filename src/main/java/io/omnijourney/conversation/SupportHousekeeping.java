package io.omnijourney.conversation;

import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.security.Role;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Two rounds that keep the inbox honest: conversations owned by someone who left the team (their
 * user deleted, or no longer an operator, supervisor or admin) go back to their queues; and words
 * older than the retention period are cleared from messages, replies and calls. Someone who left
 * loses their access at once anyway: every request checks the user and their groups.
 */
@Component
class SupportHousekeeping {

  private static final Logger log = LoggerFactory.getLogger(SupportHousekeeping.class);
  private static final String[] TEAM = {Role.OPERATORS.group(), Role.SUPERVISORS.group(), Role.ADMIN.group()};

  private final Conversations conversations;
  private final ConversationActions actions;
  private final CustomerMessages inbox;
  private final IdentityService identity;
  private final SupportSettings settings;

  SupportHousekeeping(Conversations conversations, ConversationActions actions, CustomerMessages inbox,
      @Lazy IdentityService identity, SupportSettings settings) {
    this.conversations = conversations;
    this.actions = actions;
    this.inbox = inbox;
    this.identity = identity;
    this.settings = settings;
  }

  /** Returns the owners whose conversations went back to their queues. */
  @Scheduled(fixedDelayString = "${omnijourney.delivery.sweep-interval:PT10S}")
  List<String> releaseLeavers() {
    List<String> left = conversations.owners().stream()
        .filter(owner -> identity.createUserQuery().userId(owner).count() == 0
            || identity.createGroupQuery().groupMember(owner).groupIdIn(TEAM).count() == 0)
        .toList();
    for (String owner : left) {
      try {
        actions.release(owner);
        log.info("An owner left the team; their conversations went back to their queues");
      } catch (RuntimeException e) {
        log.warn("Releasing a leaver's conversations failed; next round retries ({})", e.getClass().getSimpleName());
      }
    }
    return left;
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  int forgetOldWords() {
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.messageRetention());
    int cleared = inbox.forgetTextBefore(before) + conversations.forgetTextBefore(before);
    if (cleared > 0) {
      log.info("Cleared the words of {} messages, replies and calls older than {}", cleared, settings.messageRetention());
    }
    return cleared;
  }
}
