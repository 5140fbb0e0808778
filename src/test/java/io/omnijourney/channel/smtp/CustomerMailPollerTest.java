package io.omnijourney.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.omnijourney.channel.Channel;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.inbox.CustomerMessages.Received;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Customers' mails read from a real IMAP mailbox (GreenMail) by the poller, which hands what it
 * reads to the inbox: here a mock that records each message, since what the inbox does with one
 * (profiles, de-duplication, card numbers) is {@link CustomerMailIntakeTest}'s and the inbox's own
 * tests' concern. The mails are written as mail programs write them, and delivered into the
 * mailbox as they are, or sent through GreenMail's SMTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomerMailPollerTest {

  static final String SUPPORT = "support@omnijourney.test";
  private static final String OUR_FROM = "Omnijourney <no-reply@omnijourney.test>";
  private static final String SARA = "sara.ahmadi@example.com";
  /** "Hello, my order has not arrived." in Persian, with the zero-width non-joiner Persian writes. */
  private static final String PERSIAN = "سلام، سفارش من هنوز نرسیده است. لطفاً پیگیری کنید.";

  @RegisterExtension
  static final TestMailbox greenMail = new TestMailbox(SUPPORT, "support", "support-secret");

  private final CustomerMessages inbox = mock(CustomerMessages.class);

  @BeforeEach
  void storeAnswersNew() {
    when(inbox.store(any())).thenReturn(true);
  }

  @Test
  void aCustomersMailIsStoredWithItsIdSenderDateAndTextAndFlaggedSeen() throws Exception {
    MimeMessage sent = new MimeMessage(smtpSession());
    sent.setFrom(new InternetAddress("Sara Ahmadi <Sara.Ahmadi@Example.COM>"));
    sent.setRecipients(Message.RecipientType.TO, SUPPORT);
    sent.setSubject("Order 1042");
    sent.setText("Hello, where is my order 1042?\r\n\r\nSara\r\n", "UTF-8");
    sent.setHeader("Date", "Tue, 18 Nov 2025 10:15:03 +0330");
    sent.saveChanges();
    Transport.send(sent);

    assertThat(poller().poll()).isEqualTo(1);

    Received received = stored(1).get(0);
    assertThat(received.channel()).isEqualTo(Channel.EMAIL);
    assertThat(received.provider()).isEqualTo(SmtpEmailProvider.NAME);
    assertThat(received.providerEventId()).isEqualTo(sent.getMessageID()).startsWith("<").endsWith(">");
    assertThat(received.senderRef()).isEqualTo(SARA);
    assertThat(received.text()).isEqualTo("Hello, where is my order 1042?\n\nSara");
    assertThat(received.sentAt()).isEqualTo(OffsetDateTime.of(2025, 11, 18, 6, 45, 3, 0, ZoneOffset.UTC));
    assertThat(received.threadRefs()).isEmpty();
    assertThat(greenMail.mails()).singleElement().satisfies(mail -> assertThat(mail.isSet(Flags.Flag.SEEN)).isTrue());

    assertThat(poller().poll()).as("a seen mail is not read again").isZero();
    verify(inbox, times(1)).store(any());
  }

  @Test
  void aMailTheInboxHadBeforeIsFlaggedSeenToo() throws Exception {
    when(inbox.store(any())).thenReturn(false);
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "text/plain; charset=UTF-8", "7bit", "Hello again"));

    assertThat(poller().poll()).isEqualTo(1);

    verify(inbox).store(any());
    assertThat(greenMail.mails()).singleElement().satisfies(mail -> assertThat(mail.isSet(Flags.Flag.SEEN)).isTrue());
  }

  @Test
  void aReplyKeepsTheMessageIdsItAnswersInOrderAndOnce() throws Exception {
    greenMail.deliver(mail("""
        From: Sara <sara.ahmadi@example.com>
        Subject: Re: Your invoice
        In-Reply-To: <delivery-2@omnijourney.local>
        References: <CAJ7root@mail.gmail.com> <delivery-1@omnijourney.local>
         <delivery-2@omnijourney.local>""", "text/plain; charset=UTF-8", "7bit", "Thanks, I paid it."));

    poller().poll();

    assertThat(stored(1).get(0).threadRefs()).containsExactly(
        "<delivery-2@omnijourney.local>", "<CAJ7root@mail.gmail.com>", "<delivery-1@omnijourney.local>");
  }

  @Test
  void theQuotedConversationIsNotPartOfTheText() throws Exception {
    greenMail.deliver(mail("From: sara.ahmadi@example.com\nIn-Reply-To: <d-1@omnijourney.local>", "text/plain; charset=UTF-8",
        "8bit", """
        Yes, Thursday works for me.
        > Can we deliver on Thursday?

        On Tue, 18 Nov 2025 at 10:15, Omnijourney <
        no-reply@omnijourney.local> wrote:
        > Your order 1042 is ready.
        > The Omnijourney team
        """));
    greenMail.deliver(mail("From: ivan@example.ru", "text/plain; charset=UTF-8", "8bit", """
        Спасибо, получил.

        18.11.2025 10:15, Omnijourney пишет:
        > Ваш заказ 1042 отправлен.
        """));
    greenMail.deliver(mail("From: reza@example.ir", "text/plain; charset=UTF-8", "8bit", """
        ممنون، دریافت کردم.

        \u202Bدر تاریخ سه‌شنبه ۱۸ نوامبر ۲۰۲۵ ساعت ۱۰:۱۵ Omnijourney <no-reply@omnijourney.local> نوشت:\u202C
        سفارش شما ارسال شد.
        """));
    greenMail.deliver(mail("From: bob@example.com", "text/plain; charset=UTF-8", "7bit", """
        Please cancel it.

        -----Original Message-----
        From: Omnijourney <no-reply@omnijourney.local>
        Your order 1042 is ready.
        """));

    poller().poll();

    assertThat(stored(4)).extracting(Received::text).containsExactly(
        "Yes, Thursday works for me.", "Спасибо, получил.", "ممنون، دریافت کردم.", "Please cancel it.");
  }

  @Test
  void aDeliveryStatusNotificationIsLeftUnreadForTheBouncePoller() throws Exception {
    greenMail.deliver(BounceMails.userUnknown(SARA, "Message-ID: <d-1@omnijourney.local>\r\nSubject: Your invoice\r\n"));

    assertThat(poller().poll()).isZero();

    verify(inbox, never()).store(any());
    assertThat(greenMail.mails()).singleElement().satisfies(mail -> assertThat(mail.isSet(Flags.Flag.SEEN)).isFalse());
  }

  @Test
  void anAutomaticMailIsSkippedAndFlaggedSeenAndAPersonsIsNot(CapturedOutput output) throws Exception {
    for (String automatic : List.of("Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: bulk",
        "Precedence: junk", "Precedence: auto_reply", "Return-Path: <>")) {
      greenMail.deliver(mail("From: sara.ahmadi@example.com\n" + automatic, "text/plain; charset=UTF-8", "7bit",
          "I am out of the office until Monday."));
    }
    greenMail.deliver(mail("From: sara.ahmadi@example.com\nAuto-Submitted: no\nReturn-Path: <sara.ahmadi@example.com>",
        "text/plain; charset=UTF-8", "7bit", "A person wrote this."));

    assertThat(poller().poll()).isEqualTo(7);

    assertThat(stored(1)).extracting(Received::text).containsExactly("A person wrote this.");
    assertThat(greenMail.mails()).allSatisfy(mail -> assertThat(mail.isSet(Flags.Flag.SEEN)).isTrue());
    assertThat(ourLogLines(output))
        .anyMatch(line -> line.contains("(Auto-Submitted)")).anyMatch(line -> line.contains("(X-Autoreply)"))
        .anyMatch(line -> line.contains("(Precedence)")).anyMatch(line -> line.contains("(empty Return-Path)"))
        .noneMatch(line -> line.contains("sara")).noneMatch(line -> line.contains("office"));
  }

  @Test
  void ourOwnMailIsNotACustomers() throws Exception {
    greenMail.deliver(mail("From: " + OUR_FROM.replace("no-reply", "No-Reply"), "text/plain; charset=UTF-8", "7bit",
        "Your order is ready."));

    assertThat(poller().poll()).isEqualTo(1);

    verify(inbox, never()).store(any());
  }

  @Test
  void multipartAlternativeGivesThePlainText() throws Exception {
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "multipart/mixed; boundary=\"outer\"", "7bit", """
        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=UTF-8

        The plain words.
        --inner
        Content-Type: text/html; charset=UTF-8

        <p>The <b>HTML</b> words.</p>
        --inner--
        --outer
        Content-Type: text/plain; charset=UTF-8
        Content-Disposition: attachment; filename="notes.txt"

        An attached file.
        --outer--
        """));

    poller().poll();

    assertThat(stored(1).get(0).text()).isEqualTo("The plain words.");
  }

  @Test
  void anHtmlOnlyMailGivesItsText() throws Exception {
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "text/html; charset=UTF-8", "7bit", """
        <html><head><style>p { color: red; }</style><title>Re</title></head>
        <body><div>Fish &amp; chips&nbsp;arrived,<br>but cold &#8211; twice.</div>
        <p>Sara</p>
        <div class="gmail_quote"><blockquote>Your order <blockquote>deep</blockquote> is ready.</blockquote></div>
        </body></html>
        """));

    poller().poll();

    assertThat(stored(1).get(0).text()).isEqualTo("Fish & chips arrived,\nbut cold \u2013 twice.\n\nSara");
  }

  @Test
  void aPersianBodyKeepsItsTextInEachTransferEncoding() throws Exception {
    greenMail.deliver(mail("From: reza@example.ir", "text/plain; charset=UTF-8", "8bit", PERSIAN));
    greenMail.deliver(mail("From: reza@example.ir", "text/plain; charset=UTF-8", "quoted-printable",
        encoded(PERSIAN, "quoted-printable")));
    greenMail.deliver(mail("From: reza@example.ir", "text/plain; charset=UTF-8", "base64",
        encoded(PERSIAN, "base64")));

    poller().poll();

    assertThat(stored(3)).extracting(Received::text).containsOnly(PERSIAN);
  }

  @Test
  void aMailWithoutBodyTextIsItsSubject() throws Exception {
    greenMail.deliver(mail("From: reza@example.ir\nSubject: =?UTF-8?B?" + Base64.getEncoder().encodeToString(
        "سفارش ۱۰۴۲".getBytes(StandardCharsets.UTF_8)) + "?=", "text/plain; charset=UTF-8", "7bit", ""));

    poller().poll();

    assertThat(stored(1).get(0).text()).isEqualTo("سفارش ۱۰۴۲");
  }

  @Test
  void aMailWithoutMessageIdGetsOneFromItsHeadersThatStaysTheSame() throws Exception {
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "text/plain; charset=UTF-8", "7bit", "No id here.")
        .replaceFirst("Message-ID: [^\r]*\r\n", ""));
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "text/plain; charset=UTF-8", "7bit", "No id either.")
        .replaceFirst("Message-ID: [^\r]*\r\n", ""));

    poller().poll();
    greenMail.mails().get(0).setFlag(Flags.Flag.SEEN, false);
    poller().poll();

    List<String> ids = stored(3).stream().map(Received::providerEventId).toList();
    assertThat(ids.get(0)).matches("<[0-9a-f]{64}@omnijourney\\.local>").isEqualTo(ids.get(2));
    assertThat(ids.get(1)).as("another mail, another id").isNotEqualTo(ids.get(0));
  }

  @Test
  void aMailThatCannotBeReadStaysUnreadAndTheNextIsRead(CapturedOutput output) throws Exception {
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "text/plain; charset=x-no-such-charset", "8bit", "Unreadable"));
    greenMail.deliver(mail("From: sara.ahmadi@example.com", "text/plain; charset=UTF-8", "7bit", "Readable"));

    assertThat(poller().poll()).isEqualTo(1);

    assertThat(stored(1)).extracting(Received::text).containsExactly("Readable");
    assertThat(greenMail.mails()).extracting(mail -> mail.isSet(Flags.Flag.SEEN)).containsExactly(false, true);
    assertThat(ourLogLines(output))
        .anyMatch(line -> line.contains("A mail in the mailbox could not be read; left unread (UnsupportedEncodingException)"))
        .noneMatch(line -> line.contains("sara")).noneMatch(line -> line.contains("Unreadable"));
  }

  @Test
  void itPollsEveryIntervalOfItsSettingsAndThirtySecondsWithoutOne() {
    var mail = new MailSettings(OUR_FROM, "omnijourney.test");
    ScheduledTaskRegistrar configured = new ScheduledTaskRegistrar();
    new CustomerMailPoller(new InboxSettings("imap.example.com", null, null, "support", "secret", null,
        Duration.ofMinutes(2)), mail, inbox).configureTasks(configured);
    ScheduledTaskRegistrar defaulted = new ScheduledTaskRegistrar();
    poller().configureTasks(defaulted);

    assertThat(configured.getFixedDelayTaskList()).singleElement().satisfies(task -> {
      assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(2));
      assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(2));
    });
    assertThat(defaulted.getFixedDelayTaskList()).singleElement()
        .satisfies(task -> assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(30)));
  }

  private CustomerMailPoller poller() {
    return poller(greenMail, new MailSettings(OUR_FROM, "omnijourney.test"), inbox);
  }

  /** A poller of the test mailbox, over plain IMAP. */
  static CustomerMailPoller poller(TestMailbox mailbox, MailSettings mail, CustomerMessages inbox) {
    return new CustomerMailPoller(new InboxSettings(mailbox.imapHost(), mailbox.imapPort(), false, mailbox.login,
        mailbox.password, null, null), mail, inbox);
  }

  /** What the poller handed to the inbox, in order; exactly {@code count} messages. */
  private List<Received> stored(int count) {
    ArgumentCaptor<Received> received = ArgumentCaptor.forClass(Received.class);
    verify(inbox, times(count)).store(received.capture());
    return received.getAllValues();
  }

  /** The poller's own lines; GreenMail's are not ours to judge. */
  private static List<String> ourLogLines(CapturedOutput output) {
    return output.getAll().lines().filter(line -> line.contains("CustomerMailPoller ")).toList();
  }

  /** A mail as a mail program writes it: the given headers and body, with a Date and a Message-ID. */
  static String mail(String headers, String contentType, String transferEncoding, String body) {
    return ("""
        %s
        To: %s
        Date: Tue, 18 Nov 2025 10:20:00 +0000
        Message-ID: <%s@mail.example.com>
        MIME-Version: 1.0
        Content-Type: %s
        Content-Transfer-Encoding: %s

        %s""".formatted(headers.strip(), SUPPORT, UUID.randomUUID(), contentType, transferEncoding, body))
        .replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private static Session smtpSession() {
    Properties smtp = new Properties();
    smtp.put("mail.smtp.host", greenMail.getSmtp().getBindTo());
    smtp.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
    return Session.getInstance(smtp);
  }

  /** UTF-8 text in a transfer encoding, as a mail's body carries it. */
  private static String encoded(String text, String transferEncoding) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (OutputStream encoder = MimeUtility.encode(body, transferEncoding)) {
      encoder.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return body.toString(StandardCharsets.US_ASCII);
  }
}
