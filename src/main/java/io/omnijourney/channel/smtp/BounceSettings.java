package io.omnijourney.channel.smtp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.smtp.bounces.*}: the IMAP mailbox where bounces of our mail arrive
 * (the envelope sender's), and how often to read it. No host, no polling; the defaults are
 * {@link MailboxPoller.Account}'s.
 */
@ConfigurationProperties("omnijourney.providers.smtp.bounces")
public record BounceSettings(
    String host, Integer port, Boolean ssl, String username, String password, String folder, Duration pollInterval)
    implements MailboxPoller.Account {

  /** The password shows only whether it is set, the user name masked. */
  @Override
  public String toString() {
    return MailboxPoller.Account.describe(this);
  }
}
