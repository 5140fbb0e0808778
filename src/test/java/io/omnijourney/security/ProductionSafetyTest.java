package io.omnijourney.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.ChannelProvider;
import io.omnijourney.channel.ChannelProviders;
import io.omnijourney.channel.ChannelSettings;
import io.omnijourney.channel.ChannelSettings.ChannelSetting;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProductionSafetyTest {

  private static final ChannelProviders CONFIGURED = providers(List.of());

  @Test
  void refusesTheDemoOrAnEmptyAdminPassword() {
    assertThatThrownBy(() -> new ProductionSafety("demo", false, "", "a-real-unsubscribe-secret", CONFIGURED))
        .hasMessageContaining("OMNIJOURNEY_ADMIN_PASSWORD");
    assertThatThrownBy(() -> new ProductionSafety("", false, "", "a-real-unsubscribe-secret", CONFIGURED))
        .hasMessageContaining("OMNIJOURNEY_ADMIN_PASSWORD");
  }

  @Test
  void refusesASandboxWithTheDefaultOrNoSecret() {
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", true, "sandbox-secret", "a-real-unsubscribe-secret", CONFIGURED))
        .hasMessageContaining("OMNIJOURNEY_SANDBOX_SECRET");
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", true, "", "a-real-unsubscribe-secret", CONFIGURED))
        .hasMessageContaining("OMNIJOURNEY_SANDBOX_SECRET");
  }

  @Test
  void refusesTheDefaultOrNoUnsubscribeSecret() {
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", false, "", "unsubscribe-secret", CONFIGURED))
        .hasMessageContaining("OMNIJOURNEY_UNSUBSCRIBE_SECRET");
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", false, "", "", CONFIGURED))
        .hasMessageContaining("OMNIJOURNEY_UNSUBSCRIBE_SECRET");
  }

  @Test
  void refusesAProviderInUseWhoseSecretIsMissing() {
    assertThatThrownBy(() -> new ProductionSafety("s3cret!", false, "", "a-real-unsubscribe-secret", providers(List.of("ACME_API_KEY"))))
        .hasMessageContaining("acme").hasMessageContaining("ACME_API_KEY");
  }

  @Test
  void startsWithRealSecrets() {
    assertThatCode(() -> new ProductionSafety("s3cret!", false, "", "a-real-unsubscribe-secret", CONFIGURED)).doesNotThrowAnyException();
    assertThatCode(() -> new ProductionSafety("s3cret!", true, "a-real-secret", "a-real-unsubscribe-secret", CONFIGURED)).doesNotThrowAnyException();
  }

  /** One provider, "acme", on every channel, missing the given settings. */
  private static ChannelProviders providers(List<String> missing) {
    ChannelProvider acme = new ChannelProvider() {
      @Override
      public String name() {
        return "acme";
      }

      @Override
      public Set<Channel> channels() {
        return EnumSet.allOf(Channel.class);
      }

      @Override
      public List<String> missingSettings() {
        return missing;
      }

      @Override
      public SendOutcome send(OutboundMessage message) {
        return new SendOutcome.Accepted("acme-1");
      }
    };
    Map<String, ChannelSetting> everyChannel = Arrays.stream(Channel.values())
        .collect(Collectors.toMap(Channel::id, channel -> new ChannelSetting("acme", null)));
    return new ChannelProviders(List.of(acme), new ChannelSettings(everyChannel, null, null));
  }
}
