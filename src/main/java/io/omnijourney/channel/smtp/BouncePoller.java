package io.omnijourney.channel.smtp;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.channel.Signatures;
import io.omnijourney.channel.smtp.DeliveryStatusNotification.Recipient;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.customer.ContactFormats;
import io.omnijourney.delivery.Delivery;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryReports.Receipt;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.ProviderReport;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Reads bounces of our email from an IMAP mailbox, every {@code poll-interval}, when
 * {@code omnijourney.providers.smtp.bounces.host} is set. SMTP's answer at send time only says the
 * next server took the message; a mailbox that does not exist is often reported minutes later, as
 * a delivery-status notification (RFC 3464) to our envelope sender.
 *
 * <p>For each unread DSN, the bounced message is found in the ledger by its {@code Message-ID},
 * which is our provider message id ({@code <deliveryId@domain>}, see {@link SmtpEmailProvider}):
 * <ul>
 *   <li>a <b>hard bounce</b> ({@code Action: failed}, {@code 5.x.x}) blocks the address on the
 *       customer's profile as unreachable, then goes into the same inbox as every provider's
 *       report, as FAILED: the delivery fails, and a journey waiting for it falls back;
 *   <li>a failure with a temporary status ({@code failed}, {@code 4.x.x}: the MTA retried until
 *       its queue lifetime ran out) fails the delivery the same way, since the message will not
 *       arrive, but keeps the address: a full mailbox may take the next message;
 *   <li>a <b>soft bounce</b> ({@code delayed}) is only logged: the MTA is still trying, and tells
 *       again when it gives up.
 * </ul>
 * Every DSN read is then flagged {@code \Seen}, and later polls skip it; the mailbox keeps it for
 * people to read. Mail that is not a DSN is left unread and untouched: messages are read with
 * {@code peek}, so reading one does not mark it. A crash before the flag means the DSN is read
 * again, which changes nothing: the report is de-duplicated by its event id and the block is kept
 * once. For the same reason several nodes may poll the same mailbox.
 */
@Component
@ConditionalOnExpression("!'${omnijourney.providers.smtp.bounces.host:}'.isBlank()")
public class BouncePoller extends MailboxPoller {

  private static final Logger log = LoggerFactory.getLogger(BouncePoller.class);

  private final DeliveryReports reports;
  private final ChannelBlocks blocks;

  public BouncePoller(BounceSettings settings, DeliveryReports reports, ChannelBlocks blocks) {
    super(settings, Duration.ofMinutes(1));
    this.reports = reports;
    this.blocks = blocks;
  }

  /** True when the mail was a DSN and is dealt with; false leaves it unread, for people. */
  @Override
  protected boolean read(Message mail) throws MessagingException, IOException {
    Optional<DeliveryStatusNotification> read = DeliveryStatusNotification.read(mail);
    if (read.isEmpty()) {
      return false;
    }
    DeliveryStatusNotification dsn = read.get();
    Optional<Delivery> delivery = dsn.originalMessageId() == null ? Optional.empty()
        : reports.find(SmtpEmailProvider.NAME, dsn.originalMessageId());
    for (Recipient recipient : dsn.recipients()) {
      if (!recipient.failed()) {
        log.info("Bounce mail for {} to {}: {} {}; not final, nothing recorded", messageOf(delivery),
            Mask.recipient(recipient.address()), recipient.action(), recipient.status());
      } else if (delivery.isEmpty()) {
        log.warn("Bounce {} to {} matches no email delivery of ours; ignored", recipient.status(),
            Mask.recipient(recipient.address()));
      } else {
        failed(mail, dsn, delivery.get(), recipient);
      }
    }
    return true;
  }

  private void failed(Message mail, DeliveryStatusNotification dsn, Delivery delivery, Recipient recipient)
      throws MessagingException {
    String address = ContactFormats.email(recipient.address()).orElse(recipient.address());
    if (recipient.hardBounce() && delivery.customerId() != null) {
      blocks.block(delivery.customerId(), Channel.EMAIL, address, Block.UNREACHABLE, SmtpEmailProvider.NAME,
          recipient.status());
    }
    ProviderReport report = new ProviderReport(eventId(dsn.originalMessageId(), address), dsn.originalMessageId(),
        DeliveryStatus.FAILED, occurredAt(mail));
    Receipt receipt = reports.receive(SmtpEmailProvider.NAME, report, "delivery-status notification: action="
        + recipient.action() + " status=" + recipient.status() + " recipient=" + Mask.recipient(address));
    if (receipt == Receipt.STORED) {
      log.info("Bounce {} for delivery {} to {}: failed{}", recipient.status(), delivery.id(), Mask.recipient(address),
          recipient.hardBounce() ? ", address suppressed" : "");
    }
  }

  /**
   * One event per bounced message and address, however often the DSN is read and even when the MTA
   * sends it twice; the hash keeps the address out of the inbox's key.
   */
  private static String eventId(String originalMessageId, String address) {
    return "dsn:" + Signatures.sha256Hex((originalMessageId + "|" + address).getBytes(StandardCharsets.UTF_8));
  }

  private static OffsetDateTime occurredAt(Message mail) throws MessagingException {
    return mail.getSentDate() == null ? OffsetDateTime.now(ZoneOffset.UTC)
        : mail.getSentDate().toInstant().atOffset(ZoneOffset.UTC);
  }

  private static String messageOf(Optional<Delivery> delivery) {
    return delivery.map(d -> "delivery " + d.id()).orElse("a message we do not know");
  }
}
