package io.omnijourney.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Picks the provider for each channel from {@code omnijourney.channels.<channel>.provider}. A
 * channel whose provider is missing or does not serve it stops the application at start.
 */
@Component
public class ChannelProviders {

  private final Map<Channel, ChannelProvider> byChannel = new EnumMap<>(Channel.class);

  public ChannelProviders(List<ChannelProvider> providers, ChannelSettings settings) {
    Map<String, ChannelProvider> byName =
        providers.stream().collect(Collectors.toMap(ChannelProvider::name, Function.identity()));
    for (Channel channel : Channel.values()) {
      String name = settings.providerFor(channel);
      ChannelProvider provider = byName.get(name);
      if (provider == null) {
        throw new IllegalStateException(
            "omnijourney.channels." + channel.id() + ".provider is '" + name
                + "', but the providers available are " + byName.keySet());
      }
      if (!provider.channels().contains(channel)) {
        throw new IllegalStateException(
            "Provider '" + name + "' does not send on channel " + channel.id());
      }
      byChannel.put(channel, provider);
    }
  }

  public ChannelProvider forChannel(Channel channel) {
    return byChannel.get(channel);
  }
}
