package io.omnijourney.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.omnijourney.channel.ChannelSettings.ChannelSetting;
import io.omnijourney.channel.ChannelSettings.Failover;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Provider choice, failover and rate limits, with scripted providers standing in for real APIs. */
class ChannelProvidersTest {

  private final Scripted primary = new Scripted("primary");
  private final Scripted secondary = new Scripted("secondary");

  @Test
  void sendsGoToThePrimaryWhileItAnswers() {
    ChannelProviders providers = providers(Map.of());
    for (int i = 0; i < 10; i++) {
      assertThat(send(providers)).isInstanceOf(SendOutcome.Accepted.class);
    }
    assertThat(primary.calls).isEqualTo(10);
    assertThat(secondary.calls).isZero();
  }

  @Test
  void duringAnOutageOfThePrimarySendsFailOverAndReturnWhenItRecovers() {
    ChannelProviders providers = providers(Map.of());
    for (int i = 0; i < 5; i++) {
      primary.next(new SendOutcome.Transient("503", "Service Unavailable", null));
      assertThat(send(providers)).isInstanceOf(SendOutcome.Transient.class);
    }

    assertThat(providers.forChannel(Channel.SMS).name()).isEqualTo("secondary");
    assertThat(send(providers)).isEqualTo(new SendOutcome.Accepted("secondary-1"));

    // After open-for, a trial send goes to the primary again; it answers, so the channel is back.
    await().atMost(Duration.ofSeconds(5)).until(() -> providers.forChannel(Channel.SMS).name().equals("primary"));
    for (int i = 0; i < 5; i++) {
      assertThat(send(providers)).isInstanceOf(SendOutcome.Accepted.class);
    }
    assertThat(providers.forChannel(Channel.SMS).name()).isEqualTo("primary");
  }

  @Test
  void callsWithoutAnAnswerCountAsFailuresAndAreRethrown() {
    ChannelProviders providers = providers(Map.of());
    for (int i = 0; i < 5; i++) {
      primary.next(null);
      assertThatThrownBy(() -> send(providers)).isInstanceOf(ProviderHttp.NoAnswer.class);
    }
    assertThat(providers.forChannel(Channel.SMS).name()).isEqualTo("secondary");
  }

  @Test
  void aDeliveryWhoseAttemptsKeepFailingOnThePrimaryTriesTheSecondaryNext() {
    ChannelProviders providers = providers(Map.of());

    assertThat(providers.forChannel(Channel.SMS, "primary", 1).name()).isEqualTo("primary");
    assertThat(providers.forChannel(Channel.SMS, "primary", 2).name()).isEqualTo("secondary");
    // Its attempt on the secondary failed too: the next goes wherever the channel goes now.
    assertThat(providers.forChannel(Channel.SMS, "secondary", 3).name()).isEqualTo("primary");
  }

  @Test
  void permanentRefusalsAreNotAnOutage() {
    ChannelProviders providers = providers(Map.of());
    for (int i = 0; i < 10; i++) {
      primary.next(new SendOutcome.Permanent("21211", "invalid To"));
      send(providers);
    }
    assertThat(providers.forChannel(Channel.SMS).name()).isEqualTo("primary");
  }

  @Test
  void overTheRateLimitASendIsThrottledWithTheWaitAndTheProviderIsNotCalled() {
    ChannelProviders providers = providers(Map.of("primary", 0.1));

    assertThat(send(providers)).isInstanceOf(SendOutcome.Accepted.class);
    SendOutcome throttled = send(providers);

    assertThat(throttled).isInstanceOfSatisfying(SendOutcome.Transient.class, t -> {
      assertThat(t.code()).isEqualTo(ChannelProviders.THROTTLED);
      assertThat(t.retryAfter()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    });
    assertThat(primary.calls).isEqualTo(1);
  }

  @Test
  void aShortWaitForATokenIsTakenInsideTheSend() {
    ChannelProviders providers = providers(Map.of("primary", 5.0));
    for (int i = 0; i < 7; i++) {
      assertThat(send(providers)).isInstanceOf(SendOutcome.Accepted.class);
    }
    assertThat(primary.calls).isEqualTo(7);
  }

  @Test
  void aProviderMissingASettingItNeedsToSendIsNeverCalledAndTheSendIsAConfigurationProblem() {
    primary.missing = List.of("PRIMARY_API_KEY");
    ChannelProviders providers = providers(Map.of());

    assertThat(send(providers)).isInstanceOfSatisfying(SendOutcome.Misconfigured.class, problem -> {
      assertThat(problem.code()).isEqualTo(ChannelProviders.NOT_CONFIGURED);
      assertThat(problem.reason()).isEqualTo("primary is not configured: PRIMARY_API_KEY not set");
    });
    assertThat(primary.calls).isZero();
  }

  private SendOutcome send(ChannelProviders providers) {
    ChannelProvider provider = providers.forChannel(Channel.SMS);
    return providers.send(provider, new OutboundMessage("ref", Channel.SMS, "+989121234567", null, "Hi", null));
  }

  private ChannelProviders providers(Map<String, Double> rateLimits) {
    Map<String, ChannelSetting> everyChannel = Arrays.stream(Channel.values())
        .collect(Collectors.toMap(Channel::id, channel -> new ChannelSetting("primary", "secondary")));
    return new ChannelProviders(List.of(primary, secondary),
        new ChannelSettings(everyChannel, rateLimits, new Failover(50f, 10, 5, Duration.ofMillis(300), 2)));
  }

  /** Answers what the test scripts, and "accepted" otherwise; a scripted null means no answer. */
  private static final class Scripted implements ChannelProvider {
    private final String name;
    private final Deque<SendOutcome> script = new ArrayDeque<>();
    private boolean silent;
    int calls;
    List<String> missing = List.of();

    Scripted(String name) {
      this.name = name;
    }

    @Override
    public List<String> missingToSend() {
      return missing;
    }

    void next(SendOutcome outcome) {
      if (outcome == null) {
        silent = true;
      } else {
        script.add(outcome);
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Channel> channels() {
      return EnumSet.allOf(Channel.class);
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
      calls++;
      if (silent) {
        silent = false;
        throw new ProviderHttp.NoAnswer(name + " gave no answer");
      }
      SendOutcome next = script.poll();
      return next != null ? next : new SendOutcome.Accepted(name + "-" + calls);
    }
  }
}
