package io.omnijourney.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.delivery.DeliveryReports;
import io.omnijourney.inbox.CustomerMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each mailbox poller (bounces, customers' mail) exists only where its own IMAP host is
 * configured; the other mailbox's host does not start it.
 */
class BouncePollerConditionTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(BouncePoller.class, CustomerMailPoller.class, Settings.class)
      .withBean(DeliveryReports.class, () -> mock(DeliveryReports.class))
      .withBean(ChannelBlocks.class, () -> mock(ChannelBlocks.class))
      .withBean(CustomerMessages.class, () -> mock(CustomerMessages.class));

  @ParameterizedTest
  @CsvSource({"bounces, BouncePoller, CustomerMailPoller", "inbox, CustomerMailPoller, BouncePoller"})
  void aConfiguredHostStartsItsPollerOnly(String mailbox, String poller, String other) {
    context.withPropertyValues("omnijourney.providers.smtp." + mailbox + ".host=imap.example.com")
        .run(started -> {
          assertThat(started).hasSingleBean(type(poller));
          assertThat(started).doesNotHaveBean(type(other));
        });
  }

  @ParameterizedTest
  @CsvSource({"bounces, BouncePoller", "inbox, CustomerMailPoller"})
  void anEmptyOrMissingHostStartsNone(String mailbox, String poller) {
    // application.yaml sets each host to ${SMTP_..._IMAP_HOST:}, an empty string when unset.
    context.withPropertyValues("omnijourney.providers.smtp." + mailbox + ".host=")
        .run(started -> assertThat(started).doesNotHaveBean(type(poller)));
    context.run(started -> assertThat(started).doesNotHaveBean(type(poller)));
  }

  private static Class<?> type(String poller) throws ClassNotFoundException {
    return Class.forName(BouncePollerConditionTest.class.getPackageName() + "." + poller);
  }

  @EnableConfigurationProperties({BounceSettings.class, InboxSettings.class, MailSettings.class})
  static class Settings {}
}
