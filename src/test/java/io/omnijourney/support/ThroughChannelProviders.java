package io.omnijourney.support;

import io.omnijourney.channel.Channel;
import io.omnijourney.channel.ChannelProvider;
import io.omnijourney.channel.ChannelProviders;
import io.omnijourney.channel.ChannelSettings;
import io.omnijourney.channel.ChannelSettings.ChannelSetting;
import io.omnijourney.channel.OutboundMessage;
import io.omnijourney.channel.SendOutcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Sends through one provider as the application does: by way of {@link ChannelProviders}. */
public final class ThroughChannelProviders {

  private ThroughChannelProviders() {}

  public static SendOutcome send(ChannelProvider provider, OutboundMessage message) {
    Map<String, ChannelSetting> channels = provider.channels().stream()
        .collect(Collectors.toMap(Channel::id, channel -> new ChannelSetting(provider.name(), null)));
    return new ChannelProviders(List.of(provider, new Elsewhere()), new ChannelSettings(channels, null, null))
        .send(provider, message);
  }

  /** Stands in as the default provider of the channels the provider under test does not serve. */
  private static final class Elsewhere implements ChannelProvider {
    @Override
    public String name() {
      return "sandbox";
    }

    @Override
    public Set<Channel> channels() {
      return EnumSet.allOf(Channel.class);
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
      throw new AssertionError("no message goes to another provider");
    }
  }
}
