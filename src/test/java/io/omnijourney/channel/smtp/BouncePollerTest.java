package io.omnijourney.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import io.omnijourney.channel.Channel;
import io.omnijourney.channel.Mask;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import io.omnijourney.channel.SendOutcome.Block;
import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.delivery.DeliveryStatus;
import io.omnijourney.delivery.TestLedger;
import io.omnijourney.support.JourneyTest;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Bounces read from a real IMAP mailbox (GreenMail) into the real application (the shared journey
 * test context, on H2).
 *
 * <p>The email delivery a bounce refers to is made honestly but simply: {@link SmtpEmailProvider}
 * really sends it through GreenMail's SMTP, and its answer is recorded with the ledger's own calls,
 * as the send service does. A whole journey would need the email channel on the SMTP provider,
 * another application context, and would add nothing: the playbook does not wait for the invoice
 * email's report. The bounce then quotes the headers of the mail GreenMail actually received.
 *
 * <p>The poller is built here by hand: no IMAP host is configured in tests, so the application
 * has none (which the last test checks).
 */
@ExtendWith(OutputCaptureExtension.class)
class BouncePollerTest extends JourneyTest {

  private static final String PASSWORD = "bounce-secret";

  @RegisterExtension
  static final TestMailbox greenMail = new TestMailbox(BounceMails.BOUNCES, "bounces", PASSWORD);

  @Autowired TestLedger ledger;
  @Autowired DeliveryReports reports;
  @Autowired ChannelBlocks blocks;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;

  @Test
  void hardBounceFailsTheDeliveryAndSuppressesTheAddress(CapturedOutput output) throws Exception {
    SentEmail email = sendEmail();
    deliverToBounceMailbox(BounceMails.userUnknown(SARA_EMAIL, email.headers()));

    assertThat(poller().poll()).isEqualTo(1);
    assertThat(ourLogLines(output)).anyMatch(line -> line.contains("Bounce 5.1.1 for delivery " + email.deliveryId()))
        .noneMatch(line -> line.contains(SARA_EMAIL));

    assertThat(ledger.find(email.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(blocks.blocked(email.customerId(), Channel.EMAIL, SARA_EMAIL)).contains(Block.UNREACHABLE);
    assertThat(bounceMailbox()).singleElement().satisfies(dsn -> assertThat(dsn.isSet(Flags.Flag.SEEN)).isTrue());
    assertThat(inboxEvents(email)).isEqualTo(1);
    assertThat(inboxPayloads(email)).singleElement().asString()
        .contains("status=5.1.1").contains(Mask.recipient(SARA_EMAIL)).doesNotContain(SARA_EMAIL);
  }

  @Test
  void aBounceReadAgainChangesNothing() throws Exception {
    SentEmail email = sendEmail();
    deliverToBounceMailbox(BounceMails.userUnknown(SARA_EMAIL, email.headers()));
    poller().poll();

    assertThat(poller().poll()).as("a seen DSN is not read again").isZero();

    // Even if someone marks it unread (or a crash came before the flag), reading it again is harmless.
    bounceMailbox().get(0).setFlag(Flags.Flag.SEEN, false);
    assertThat(poller().poll()).isEqualTo(1);
    assertThat(inboxEvents(email)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM channel_block WHERE customer_id = ?").param(email.customerId())
        .query(Integer.class).single()).isEqualTo(1);
    assertThat(ledger.find(email.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void aDelayNoticeChangesNothing(CapturedOutput output) throws Exception {
    SentEmail email = sendEmail();
    deliverToBounceMailbox(BounceMails.mailboxFullDelayed(SARA_EMAIL, email.headers()));

    assertThat(poller().poll()).isEqualTo(1);
    assertThat(ourLogLines(output)).anyMatch(line -> line.contains("delayed 4.2.2; not final"))
        .noneMatch(line -> line.contains(SARA_EMAIL));

    assertThat(ledger.find(email.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(blocks.blocked(email.customerId(), Channel.EMAIL, SARA_EMAIL)).isEmpty();
    assertThat(inboxEvents(email)).isZero();
    assertThat(bounceMailbox()).singleElement().satisfies(dsn -> assertThat(dsn.isSet(Flags.Flag.SEEN)).isTrue());
  }

  @Test
  void givingUpOnAFullMailboxFailsTheDeliveryButKeepsTheAddress() throws Exception {
    SentEmail email = sendEmail();
    deliverToBounceMailbox(BounceMails.mailboxFullExpired(SARA_EMAIL, email.headers() + "\r\nYour invoice.\r\n"));

    assertThat(poller().poll()).isEqualTo(1);

    assertThat(ledger.find(email.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(blocks.blocked(email.customerId(), Channel.EMAIL, SARA_EMAIL)).isEmpty();
  }

  @Test
  void mailThatIsNotABounceIsLeftUnread() throws Exception {
    deliverToBounceMailbox("""
        From: Sara <sara@example.com>\r
        To: bounces@omnijourney.test\r
        Subject: Re: Your invoice\r
        Message-ID: <reply-%s@example.com>\r
        Content-Type: text/plain; charset=UTF-8\r
        \r
        Thanks, received.\r
        """.formatted(UUID.randomUUID()));

    assertThat(poller().poll()).isZero();

    assertThat(bounceMailbox()).singleElement().satisfies(mail -> assertThat(mail.isSet(Flags.Flag.SEEN)).isFalse());
  }

  @Test
  void theApplicationPollsNoMailboxWithoutAnImapHost() {
    assertThat(context.getBeanProvider(BouncePoller.class).getIfAvailable()).isNull();
  }

  /** The poller's own lines; GreenMail's (a stand-in mail server) are not ours to judge. */
  private static List<String> ourLogLines(CapturedOutput output) {
    return output.getAll().lines().filter(line -> line.contains("BouncePoller ")).toList();
  }

  private BouncePoller poller() {
    var settings = new BounceSettings(greenMail.imapHost(), greenMail.imapPort(), false, "bounces", PASSWORD, null,
        null);
    return new BouncePoller(settings, reports, blocks);
  }

  /** An invoice email really sent by the SMTP provider, and recorded as accepted in the ledger. */
  private SentEmail sendEmail() throws Exception {
    String deliveryId = UUID.randomUUID().toString();
    String customerId = "cust-" + UUID.randomUUID();
    JavaMailSenderImpl smtp = new JavaMailSenderImpl();
    smtp.setHost(greenMail.getSmtp().getBindTo());
    smtp.setPort(greenMail.getSmtp().getPort());
    var provider = new SmtpEmailProvider(smtp, new MailSettings("Omnijourney <no-reply@omnijourney.test>", "omnijourney.test"));

    ledger.startAttempt(deliveryId, "Task_SendInvoiceEmail", customerId, Channel.EMAIL, "invoice",
        SmtpEmailProvider.NAME, Mask.recipient(SARA_EMAIL));
    SendOutcome outcome = provider.send(
        new OutboundMessage(deliveryId, Channel.EMAIL, SARA_EMAIL, "Your invoice", "Your invoice is attached.", null));
    String messageId = ((SendOutcome.Accepted) outcome).providerMessageId();
    ledger.recordAccepted(deliveryId, messageId);

    MimeMessage received = List.of(greenMail.getReceivedMessagesForDomain("example.com")).stream()
        .filter(m -> header(m, "Message-ID").equals(messageId)).findFirst().orElseThrow();
    String headers = String.join("\r\n", Collections.list(received.getAllHeaderLines())) + "\r\n";
    return new SentEmail(deliveryId, customerId, messageId, headers);
  }

  private record SentEmail(String deliveryId, String customerId, String messageId, String headers) {}

  private static void deliverToBounceMailbox(String raw) {
    greenMail.deliver(raw);
  }

  private static List<StoredMessage> bounceMailbox() throws Exception {
    return greenMail.mails();
  }

  private int inboxEvents(SentEmail email) {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE provider = 'smtp' AND provider_message_id = ?")
        .param(email.messageId()).query(Integer.class).single();
  }

  private List<String> inboxPayloads(SentEmail email) {
    return jdbc.sql("SELECT payload FROM webhook_event WHERE provider = 'smtp' AND provider_message_id = ?")
        .param(email.messageId()).query(String.class).list();
  }

  private static String header(MimeMessage mail, String name) {
    try {
      String[] values = mail.getHeader(name);
      return values == null ? "" : values[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
