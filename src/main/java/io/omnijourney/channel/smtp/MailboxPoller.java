package io.omnijourney.channel.smtp;

import io.omnijourney.channel.Mask;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A poller of one IMAP mailbox, every {@code pollInterval} of its settings: it connects (with
 * timeouts), opens the folder for writing, hands each unread mail to {@link #read}, flags
 * {@code \Seen} those it dealt with and closes.
 * Mails are read with {@code peek}, so reading one does not mark it: a mail the poller leaves
 * alone stays unread for people, and for another poller reading the same mailbox (bounces and
 * customers' mail may share one).
 *
 * <p>A mail that cannot be read (a broken MIME structure, an unknown charset, the database away
 * while it is stored) stays unread for the next poll and is logged by the exception's class only:
 * servers' and parsers' texts may quote addresses. The other mails are still read.
 */
abstract class MailboxPoller implements SchedulingConfigurer {

  /**
   * Where the mailbox is, how to log in and how often to read it: each poller's settings. Unset,
   * {@code ssl} is true, {@code port} 993 (143 without SSL), {@code folder} {@code INBOX} and
   * {@code pollInterval} the poller's default.
   */
  interface Account {
    String host();

    Integer port();

    Boolean ssl();

    String username();

    String password();

    String folder();

    Duration pollInterval();

    /** The settings for a log line: the user name masked, the password only whether it is set. */
    static String describe(Account account) {
      return account.getClass().getSimpleName() + "[host=" + account.host() + ", port=" + account.port() + ", ssl="
          + account.ssl() + ", username=" + Mask.recipient(account.username()) + ", password="
          + Mask.secret(account.password()) + ", folder=" + account.folder() + ", pollInterval="
          + account.pollInterval() + "]";
    }
  }

  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 30_000;

  /** The poller's own logger: its lines say which mailbox they are about. */
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final Account account;
  private final Duration interval;

  /** {@code defaultInterval} is the poll interval when the settings have none. */
  MailboxPoller(Account account, Duration defaultInterval) {
    this.account = account;
    this.interval = account.pollInterval() == null ? defaultInterval : account.pollInterval();
  }

  /**
   * Deals with one unread mail: true when it is dealt with and is flagged {@code \Seen}, false to
   * leave it unread. An exception leaves it unread too.
   */
  protected abstract boolean read(Message mail) throws MessagingException, IOException;

  /** Polls every interval, the first time one interval after the start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::scheduledPoll, interval, interval));
  }

  /** Reads the unread mail once; returns how many mails were dealt with and flagged {@code \Seen}. */
  public int poll() throws MessagingException {
    int seen = 0;
    String protocol = Boolean.FALSE.equals(account.ssl()) ? "imap" : "imaps";
    try (Store store = Session.getInstance(properties(protocol)).getStore(protocol)) {
      int port = account.port() != null ? account.port() : "imaps".equals(protocol) ? 993 : 143;
      String folder = account.folder() == null || account.folder().isBlank() ? "INBOX" : account.folder();
      store.connect(account.host(), port, account.username(), account.password());
      Folder opened = store.getFolder(folder);
      opened.open(Folder.READ_WRITE);
      try {
        for (Message mail : opened.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
          if (dealtWith(mail)) {
            mail.setFlag(Flags.Flag.SEEN, true);
            seen++;
          }
        }
      } finally {
        opened.close(false);
      }
    }
    return seen;
  }

  /** {@link #poll} on schedule: a failure is logged, and the next poll tries again. */
  void scheduledPoll() {
    try {
      poll();
    } catch (MessagingException | RuntimeException e) {
      // The class says enough (refused login, no connection); server texts may quote the account.
      log.warn("Reading the mailbox failed; the next poll tries again ({})", e.getClass().getSimpleName());
    }
  }

  private boolean dealtWith(Message mail) {
    try {
      return read(mail);
    } catch (MessagingException | IOException | RuntimeException e) {
      log.warn("A mail in the mailbox could not be read; left unread ({})", e.getClass().getSimpleName());
      return false;
    }
  }

  private static Properties properties(String protocol) {
    Properties properties = new Properties();
    properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
    properties.put("mail." + protocol + ".timeout", String.valueOf(READ_TIMEOUT_MS));
    // Reading a mail must not mark it read: only the mails a poller dealt with get \Seen.
    properties.put("mail." + protocol + ".peek", "true");
    if ("imaps".equals(protocol)) {
      properties.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    return properties;
  }
}
