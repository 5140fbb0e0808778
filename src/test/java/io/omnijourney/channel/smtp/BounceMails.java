package io.omnijourney.channel.smtp;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Bounce mails as Postfix writes them: {@code multipart/report; report-type=delivery-status} with
 * the notification for people, the {@code message/delivery-status} fields, and the returned
 * message's headers (or the whole message).
 */
final class BounceMails {

  static final String BOUNCES = "bounces@omnijourney.test";
  private static final String BOUNDARY = "4D6F52A0F0F.1763460903/mail.omnijourney.test";

  private BounceMails() {}

  /** "Undelivered Mail Returned to Sender": the remote server refused the mailbox (550 5.1.1). */
  static String userUnknown(String recipient, String returnedHeaders) {
    return report("Undelivered Mail Returned to Sender", "<20251118101503.4D6F52A0F0F@mail.omnijourney.test>", """
        Final-Recipient: rfc822; %1$s
        Original-Recipient: rfc822;%1$s
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.com
        Diagnostic-Code: smtp; 550 5.1.1 <%1$s>: Recipient address
            rejected: User unknown in virtual mailbox table
        """.formatted(recipient), "text/rfc822-headers", "Undelivered Message Headers", returnedHeaders);
  }

  /** "Delayed Mail (still being retried)": a full mailbox, 452 4.2.2. */
  static String mailboxFullDelayed(String recipient, String returnedHeaders) {
    return report("Delayed Mail (still being retried)", "<20251118101812.5E7A63B1A1B@mail.omnijourney.test>", """
        Final-Recipient: rfc822; %1$s
        Original-Recipient: rfc822;%1$s
        Action: delayed
        Status: 4.2.2
        Remote-MTA: dns; mx.example.com
        Diagnostic-Code: smtp; 452 4.2.2 <%1$s>: Mailbox full
        Will-Retry-Until: Tue, 23 Nov 2025 10:15:02 +0000 (UTC)
        """.formatted(recipient), "text/rfc822-headers", "Undelivered Message Headers", returnedHeaders);
  }

  /** Postfix gave up after its queue lifetime on a mailbox that stayed full: failed, but 4.2.2. */
  static String mailboxFullExpired(String recipient, String returnedMessage) {
    return report("Undelivered Mail Returned to Sender", "<20251123101502.6F8B74C2B2C@mail.omnijourney.test>", """
        Final-Recipient: rfc822; %1$s
        Original-Recipient: rfc822;%1$s
        Action: failed
        Status: 4.2.2
        Remote-MTA: dns; mx.example.com
        Diagnostic-Code: smtp; 452 4.2.2 <%1$s>: Mailbox full
        """.formatted(recipient), "message/rfc822", "Undelivered Message", returnedMessage);
  }

  static String report(String subject, String messageId, String recipientFields, String returnedType,
      String returnedDescription, String returned) {
    String mail = """
        Return-Path: <>
        Date: Tue, 18 Nov 2025 10:15:03 +0000 (UTC)
        From: MAILER-DAEMON@mail.omnijourney.test (Mail Delivery System)
        Subject: %2$s
        To: %3$s
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="%1$s"
        Content-Transfer-Encoding: 7bit
        Message-Id: %4$s

        This is a MIME-encapsulated message.

        --%1$s
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mail.omnijourney.test.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients. It's attached below.

        For further assistance, please send mail to postmaster.

                           The mail system

        --%1$s
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.omnijourney.test
        X-Postfix-Queue-ID: 4D6F52A0F0F
        X-Postfix-Sender: rfc822; no-reply@omnijourney.test
        Arrival-Date: Tue, 18 Nov 2025 10:15:02 +0000 (UTC)

        %5$s
        --%1$s
        Content-Description: %6$s
        Content-Type: %7$s

        %8$s
        --%1$s--
        """.formatted(BOUNDARY, subject, BOUNCES, messageId, recipientFields, returnedDescription, returnedType,
        returned.strip());
    return mail.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  static MimeMessage parse(String raw) {
    try {
      return new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
