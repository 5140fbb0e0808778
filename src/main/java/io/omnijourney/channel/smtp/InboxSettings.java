package io.omnijourney.channel.smtp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.smtp.inbox.*}: the IMAP mailbox customers write to (our support
 * address, or the From address they answer), and how often to read it. No host, no polling; the
 * defaults are {@link MailboxPoller.Account}'s.
 */
@ConfigurationProperties("omnijourney.providers.smtp.inbox")
public record InboxSettings(
    String host, Integer port, Boolean ssl, String username, String password, String folder, Duration pollInterval)
    implements MailboxPoller.Account {

  /** The password shows only whether it is set, the user name masked. */
  @Override
  public String toString() {
    return MailboxPoller.Account.describe(this);
  }
}
