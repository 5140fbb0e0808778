package io.omnijourney.channel;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code omnijourney.channels.<channel>.provider}: which provider sends on each channel. */
@ConfigurationProperties("omnijourney")
public record ChannelSettings(Map<String, ChannelSetting> channels) {

  public record ChannelSetting(String provider) {}

  public String providerFor(Channel channel) {
    ChannelSetting setting = channels == null ? null : channels.get(channel.id());
    return setting == null || setting.provider() == null ? "sandbox" : setting.provider();
  }
}
