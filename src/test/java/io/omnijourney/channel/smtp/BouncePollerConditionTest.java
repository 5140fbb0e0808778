package io.omnijourney.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.omnijourney.customer.ChannelBlocks;
import io.omnijourney.delivery.DeliveryReports;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bounce poller exists only where an IMAP host is configured. */
class BouncePollerConditionTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(BouncePoller.class, Settings.class)
      .withBean(DeliveryReports.class, () -> mock(DeliveryReports.class))
      .withBean(ChannelBlocks.class, () -> mock(ChannelBlocks.class));

  @Test
  void aConfiguredHostStartsThePoller() {
    context.withPropertyValues("omnijourney.providers.smtp.bounces.host=imap.example.com")
        .run(started -> assertThat(started).hasSingleBean(BouncePoller.class));
  }

  @Test
  void anEmptyOrMissingHostStartsNone() {
    // application.yaml sets host to ${SMTP_BOUNCES_IMAP_HOST:}, an empty string when unset.
    context.withPropertyValues("omnijourney.providers.smtp.bounces.host=")
        .run(started -> assertThat(started).doesNotHaveBean(BouncePoller.class));
    context.run(started -> assertThat(started).doesNotHaveBean(BouncePoller.class));
  }

  @EnableConfigurationProperties(BounceSettings.class)
  static class Settings {}
}
