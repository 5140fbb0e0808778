package io.omnijourney.channel.smtp;

import io.omnijourney.channel.Mask;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.providers.smtp.bounces.*}: the IMAP mailbox where bounces of our mail arrive
 * (the envelope sender's), and how often to read it. No host, no polling.
 */
@ConfigurationProperties("omnijourney.providers.smtp.bounces")
public record BounceSettings(
    String host, Integer port, Boolean ssl, String username, String password, String folder, Duration pollInterval) {

  public BounceSettings {
    ssl = ssl == null || ssl;
    port = port == null ? (ssl ? 993 : 143) : port;
    folder = folder == null || folder.isBlank() ? "INBOX" : folder;
    pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
  }

  @Override
  public String toString() {
    return "BounceSettings[host=" + host + ", port=" + port + ", ssl=" + ssl + ", username=" + Mask.recipient(username)
        + ", password=" + Mask.secret(password) + ", folder=" + folder + ", pollInterval=" + pollInterval + "]";
  }
}
