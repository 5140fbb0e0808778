package io.omnijourney.channel.smtp;

import static io.omnijourney.channel.smtp.CustomerMailPollerTest.mail;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.channel.Channel;
import io.omnijourney.customer.Customers;
import io.omnijourney.inbox.CustomerMessages;
import io.omnijourney.inbox.CustomerMessages.Stored;
import io.omnijourney.support.JourneyTest;
import org.assertj.core.groups.Tuple;
import jakarta.mail.Flags;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Customers' mails from a real IMAP mailbox (GreenMail) into the real inbox (the shared journey
 * test context, on H2): a sender we do not know gets a profile, and a mail is stored once however
 * often it is read. The poller is built by hand: tests configure no IMAP host, so the application
 * has none (which the last test checks).
 */
class CustomerMailIntakeTest extends JourneyTest {

  @RegisterExtension
  static final TestMailbox greenMail = new TestMailbox(CustomerMailPollerTest.SUPPORT, "support", "support-secret");

  @Autowired CustomerMessages inbox;
  @Autowired Customers customers;
  @Autowired MailSettings mailSettings;
  @Autowired ApplicationContext context;

  @Test
  void aMailFromAnUnknownAddressIsStoredOnceWithANewProfile() throws Exception {
    String address = "new-" + UUID.randomUUID() + "@example.org";
    String raw = mail("From: New Customer <" + address.toUpperCase() + ">", "text/plain; charset=UTF-8", "7bit",
        "Hello, I would like to order a replacement.");
    String messageId = raw.lines().filter(line -> line.startsWith("Message-ID: ")).findFirst().orElseThrow()
        .substring("Message-ID: ".length());
    greenMail.deliver(raw);

    assertThat(poller().poll()).isEqualTo(1);
    assertThat(poller().poll()).as("a seen mail is not read again").isZero();
    // Marked unread again (or a crash before the flag): read again, stored nothing more, flagged again.
    greenMail.mails().get(0).setFlag(Flags.Flag.SEEN, false);
    assertThat(poller().poll()).isEqualTo(1);

    List<Stored> stored = inbox.ofCustomer(customers.findByEmail(address).get(0).id());
    assertThat(stored).singleElement().satisfies(message -> {
      assertThat(message.channel()).isEqualTo(Channel.EMAIL);
      assertThat(message.providerEventId()).isEqualTo(messageId);
      assertThat(message.senderRef()).isEqualTo(address);
      assertThat(message.text()).isEqualTo("Hello, I would like to order a replacement.");
    });
    assertThat(customers.findByEmail(address)).singleElement()
        .satisfies(profile -> assertThat(profile.locale()).isEqualTo("en"));
    assertThat(greenMail.mails()).singleElement().satisfies(mail -> assertThat(mail.isSet(Flags.Flag.SEEN)).isTrue());
  }

  @Test
  void aKnownSendersReplyJoinsTheirProfileWithItsThreadReferences() throws Exception {
    String address = "known-" + UUID.randomUUID() + "@example.org";
    greenMail.deliver(mail("From: " + address, "text/plain; charset=UTF-8", "7bit", "First question."));
    poller().poll();
    String customerId = customers.findByEmail(address).get(0).id();

    greenMail.deliver(mail("From: " + address + "\nIn-Reply-To: <d-7@omnijourney.local>\nReferences: <d-7@omnijourney.local>",
        "text/plain; charset=UTF-8", "7bit", "Thanks.\n\nOn Tue, 18 Nov 2025, Omnijourney wrote:\n> Answer"));
    poller().poll();

    assertThat(customers.findByEmail(address)).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(customerId));
    assertThat(inbox.ofCustomer(customerId)).extracting(Stored::text, Stored::threadRefs).containsExactly(
        Tuple.tuple("First question.", List.of()),
        Tuple.tuple("Thanks.", List.of("<d-7@omnijourney.local>")));
  }

  @Test
  void theApplicationPollsNoCustomerMailboxWithoutAnImapHost() {
    assertThat(context.getBeanProvider(CustomerMailPoller.class).getIfAvailable()).isNull();
  }

  private CustomerMailPoller poller() {
    return CustomerMailPollerTest.poller(greenMail, mailSettings, inbox);
  }
}
