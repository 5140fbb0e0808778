package io.omnijourney.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.smtp.DeliveryStatusNotification.Recipient;
import org.junit.jupiter.api.Test;

/** Reading RFC 3464 delivery-status notifications as Postfix writes them. */
class DeliveryStatusNotificationTest {

  private static final String OUR_ID = "<3f1c9a52-8d7e-4b1a-9c3e-2f6d8a9b0c1d@omnijourney.test>";
  private static final String RETURNED_HEADERS = """
      Return-Path: <no-reply@omnijourney.test>
      Date: Tue, 18 Nov 2025 10:15:01 +0000 (UTC)
      From: Omnijourney <no-reply@omnijourney.test>
      To: sara@example.com
      Message-ID: %s
      Subject: =?UTF-8?B?2YHYp9qp2KrZiNix?=
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="----=_Part_0_1"
      """.formatted(OUR_ID);

  @Test
  void userUnknownIsAHardBounceOfOurMessage() throws Exception {
    var dsn = DeliveryStatusNotification.read(BounceMails.parse(BounceMails.userUnknown("sara@example.com", RETURNED_HEADERS)));

    assertThat(dsn).hasValueSatisfying(read -> {
      assertThat(read.originalMessageId()).isEqualTo(OUR_ID);
      assertThat(read.recipients()).containsExactly(new Recipient("sara@example.com", "failed", "5.1.1"));
      assertThat(read.recipients().get(0).hardBounce()).isTrue();
    });
  }

  @Test
  void aDelayIsNeitherAFailureNorAHardBounce() throws Exception {
    var dsn = DeliveryStatusNotification.read(
        BounceMails.parse(BounceMails.mailboxFullDelayed("sara@example.com", RETURNED_HEADERS))).orElseThrow();

    Recipient recipient = dsn.recipients().get(0);
    assertThat(recipient).isEqualTo(new Recipient("sara@example.com", "delayed", "4.2.2"));
    assertThat(recipient.failed()).isFalse();
    assertThat(recipient.hardBounce()).isFalse();
  }

  @Test
  void givingUpOnAFullMailboxIsAFailureButNotAHardBounce() throws Exception {
    String returnedMessage = RETURNED_HEADERS + "\n------=_Part_0_1\nContent-Type: text/plain\n\nYour invoice.\n------=_Part_0_1--\n";
    var dsn = DeliveryStatusNotification.read(
        BounceMails.parse(BounceMails.mailboxFullExpired("sara@example.com", returnedMessage))).orElseThrow();

    assertThat(dsn.originalMessageId()).as("read from the whole returned message").isEqualTo(OUR_ID);
    assertThat(dsn.recipients().get(0).failed()).isTrue();
    assertThat(dsn.recipients().get(0).hardBounce()).isFalse();
  }

  @Test
  void theAddressAsWeSentItWinsOverARewrittenOne() throws Exception {
    String fields = """
        Final-Recipient: RFC822; <sara.rezaei@mailhost.example.com>
        Original-Recipient: rfc822;Sara@Example.com
        Action: failed
        Status: 5.1.1 (bad destination mailbox address)
        """;
    var dsn = DeliveryStatusNotification.read(BounceMails.parse(BounceMails.report("Undelivered Mail Returned to Sender",
        "<1@mail.omnijourney.test>", fields, "text/rfc822-headers", "Undelivered Message Headers", RETURNED_HEADERS)));

    assertThat(dsn.orElseThrow().recipients()).containsExactly(new Recipient("Sara@Example.com", "failed", "5.1.1"));
  }

  @Test
  void withoutReturnedHeadersTheEnvelopeIdNamesTheMessage() throws Exception {
    String raw = BounceMails.report("Undelivered Mail Returned to Sender", "<2@mail.omnijourney.test>", """
        Final-Recipient: rfc822; sara@example.com
        Action: failed
        Status: 5.1.1
        """, "text/plain", "Notice", "The message is not returned.")
        .replace("Reporting-MTA: dns; mail.omnijourney.test", "Reporting-MTA: dns; mail.omnijourney.test\r\nOriginal-Envelope-Id: " + OUR_ID);

    assertThat(DeliveryStatusNotification.read(BounceMails.parse(raw)).orElseThrow().originalMessageId()).isEqualTo(OUR_ID);
  }

  @Test
  void aReadReceiptIsNotADeliveryStatusNotification() throws Exception {
    String mdn = BounceMails.userUnknown("sara@example.com", RETURNED_HEADERS)
        .replace("report-type=delivery-status", "report-type=disposition-notification");

    assertThat(DeliveryStatusNotification.read(BounceMails.parse(mdn))).isEmpty();
  }

  @Test
  void anOrdinaryMailIsNotADeliveryStatusNotification() throws Exception {
    String reply = """
        From: Sara <sara@example.com>
        To: bounces@omnijourney.test
        Subject: Re: Your invoice
        Message-ID: <reply-1@example.com>
        Content-Type: text/plain; charset=UTF-8

        Thanks, received.
        """;

    assertThat(DeliveryStatusNotification.read(BounceMails.parse(reply))).isEmpty();
  }
}
