package io.omnijourney.channel.smtp;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Signatures;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.inbox.CustomerMessages;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Reads customers' emails from an IMAP mailbox, every {@code poll-interval}, when
 * {@code omnijourney.providers.smtp.inbox.host} is set, into the inbox every channel's messages go
 * to ({@link CustomerMessages}): a new request, or an answer to one of our emails.
 *
 * <p>Each unread mail is one of:
 * <ul>
 *   <li>a <b>delivery-status notification</b>: left unread, for the {@link BouncePoller}, which
 *       may read the same mailbox;
 *   <li><b>not a customer's words</b>: an auto-reply ({@code Auto-Submitted} other than {@code no},
 *       {@code X-Autoreply}, {@code Precedence: bulk}, {@code junk} or {@code auto_reply}, an empty
 *       {@code Return-Path}), a mail from our own sender address, or one without a sender address
 *       a profile can hold: flagged {@code \Seen} and skipped, logged by kind only;
 *   <li>a <b>customer's mail</b>: stored as sent by its From address (lower-cased), with its
 *       {@code Message-ID} as the provider event id, its date, what the customer wrote (see
 *       {@link MailText}; the subject when the body is empty) and the Message-IDs it answers
 *       ({@code In-Reply-To}, then {@code References}), by which it joins a conversation. A sender we
 *       do not know gets a profile with that address. Then it is flagged {@code \Seen}.
 * </ul>
 * A crash before the flag means the mail is read again, which stores nothing: the inbox keeps a
 * provider event once. For the same reason several nodes may poll the same mailbox. A mail that
 * cannot be read stays unread (see {@link MailboxPoller}). Log lines carry no address, subject or
 * text.
 */
@Component
@ConditionalOnExpression("!'${omnijourney.providers.smtp.inbox.host:}'.isBlank()")
public class CustomerMailPoller extends MailboxPoller {

  private static final Logger log = LoggerFactory.getLogger(CustomerMailPoller.class);
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Set<String> AUTOMATIC_PRECEDENCE = Set.of("bulk", "junk", "auto_reply");
  /** The inbox's columns: {@code provider_event_id}, {@code sender_ref}, {@code thread_refs}. */
  private static final int MAX_EVENT_ID = 255;
  private static final int MAX_SENDER = 128;
  private static final int MAX_THREAD_REFS = 2_000;

  private final CustomerMessages inbox;
  private final String ownAddress;

  public CustomerMailPoller(InboxSettings settings, MailSettings mail, CustomerMessages inbox) {
    super(settings, Duration.ofSeconds(30));
    this.inbox = inbox;
    this.ownAddress = address(mail.from()).orElse(null);
  }

  /** True when the mail is dealt with and is flagged {@code \Seen}; false leaves it unread. */
  @Override
  protected boolean read(Message mail) throws MessagingException, IOException {
    if (DeliveryStatusNotification.read(mail).isPresent()) {
      return false;
    }
    String automatic = automatic(mail);
    if (automatic != null) {
      log.info("Skipped an automatic mail in the customer mailbox ({})", automatic);
      return true;
    }
    Optional<String> sender = sender(mail);
    if (sender.isEmpty()) {
      log.info("Skipped a mail in the customer mailbox without a sender address we can keep");
      return true;
    }
    if (sender.get().equals(ownAddress)) {
      log.info("Skipped a mail in the customer mailbox from our own sender address");
      return true;
    }
    List<String> threadRefs = threadRefs(mail);
    String text = text(mail);
    boolean stored = inbox.store(new CustomerMessages.Received(Channel.EMAIL, SmtpEmailProvider.NAME,
        messageId(mail, text), sender.get(), text, sentAt(mail), threadRefs));
    if (stored) {
      log.info("Stored a customer's email ({} thread references)", threadRefs.size());
    }
    return true;
  }

  /** Why a mail was sent by a program rather than a person (RFC 3834 and its forerunners); null for a person's. */
  private static String automatic(Message mail) throws MessagingException {
    String submitted = header(mail, "Auto-Submitted");
    if (submitted != null && !"no".equalsIgnoreCase(submitted.split(";")[0].strip())) {
      return "Auto-Submitted";
    }
    if (mail.getHeader("X-Autoreply") != null) {
      return "X-Autoreply";
    }
    String precedence = header(mail, "Precedence");
    if (precedence != null && AUTOMATIC_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return "Precedence";
    }
    String returnPath = header(mail, "Return-Path");
    if (returnPath != null && (returnPath.isBlank() || returnPath.replaceAll("\\s", "").equals("<>"))) {
      return "empty Return-Path";
    }
    return null;
  }

  /** The first From address, lower-cased; empty when there is none or it does not fit a profile. */
  private static Optional<String> sender(Message mail) throws MessagingException {
    Address[] from;
    try {
      from = mail.getFrom();
    } catch (AddressException unparsable) {
      return Optional.empty();
    }
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
      return Optional.empty();
    }
    return ContactFormats.email(address.getAddress()).filter(email -> email.length() <= MAX_SENDER);
  }

  private static Optional<String> address(String from) {
    if (from == null || from.isBlank()) {
      return Optional.empty();
    }
    try {
      return ContactFormats.email(new InternetAddress(from).getAddress());
    } catch (AddressException unparsable) {
      return ContactFormats.email(from);
    }
  }

  /**
   * The mail's {@code Message-ID}; for a mail without one (or with one too long to keep), a stable
   * one made from its headers and text, which a server returns the same on every read. The text
   * counts too: two mails sent at the same second with the same headers are still two.
   */
  private static String messageId(Message mail, String text) throws MessagingException {
    String[] ids = mail.getHeader("Message-ID");
    String id = ids == null || ids.length == 0 ? "" : ids[0].strip();
    if (!id.isEmpty() && id.length() <= MAX_EVENT_ID) {
      return id;
    }
    StringBuilder identity = new StringBuilder();
    for (Header header : Collections.list(mail.getAllHeaders())) {
      identity.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
    }
    identity.append("\r\n").append(text);
    return "<" + Signatures.sha256Hex(identity.toString().getBytes(StandardCharsets.UTF_8)) + "@omnijourney.local>";
  }

  /**
   * The Message-IDs the mail answers: {@code In-Reply-To}, then {@code References}, each once, in
   * order, as many as the inbox keeps (the first ones: the direct parent and the thread's start).
   */
  private static List<String> threadRefs(Message mail) throws MessagingException {
    Set<String> refs = new LinkedHashSet<>();
    int length = -1;
    for (String name : List.of("In-Reply-To", "References")) {
      String value = header(mail, name);
      Matcher id = MESSAGE_ID.matcher(value == null ? "" : MimeUtility.unfold(value));
      while (id.find()) {
        if (!refs.contains(id.group()) && length + 1 + id.group().length() <= MAX_THREAD_REFS) {
          refs.add(id.group());
          length += 1 + id.group().length();
        }
      }
    }
    return List.copyOf(refs);
  }

  /** What the customer wrote; the subject when the body says nothing; null when neither does. */
  private static String text(Message mail) throws MessagingException, IOException {
    String body = MailText.of(mail);
    if (!body.isEmpty()) {
      return body;
    }
    String subject = mail.getSubject();
    return subject == null || subject.isBlank() ? null : subject.strip();
  }

  private static OffsetDateTime sentAt(Message mail) throws MessagingException {
    return mail.getSentDate() == null ? null : mail.getSentDate().toInstant().atOffset(ZoneOffset.UTC);
  }

  /** A header's values joined by a comma; null when the mail has none. */
  private static String header(Message mail, String name) throws MessagingException {
    String[] values = mail.getHeader(name);
    return values == null ? null : String.join(",", values);
  }
}
