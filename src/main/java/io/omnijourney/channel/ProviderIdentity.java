package io.omnijourney.channel;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a provider is to {@link ChannelProviders} and to the {@code prod} checks, fixed once its
 * settings are read: its name, its channels, who it sends as, and the settings it misses. A provider
 * states it once, e.g. {@code ProviderIdentity.of(NAME, Channel.SMS).sendingAs(settings.from())
 * .missingToSend(...)}, and {@link IdentifiedProvider} answers the SPI's questions from it.
 *
 * @param sender who messages go out as ({@link ChannelProvider#sender}); {@code "default"} when unset
 * @param missingToSend the settings no send can do without ({@link ChannelProvider#missingToSend})
 * @param missingForWebhooks the settings only the provider's webhook needs (a signature key, a
 *     verify token): {@link ChannelProvider#missingSettings} names them after the others
 */
public record ProviderIdentity(
    String name, Set<Channel> channels, String sender, List<String> missingToSend, List<String> missingForWebhooks) {

  public ProviderIdentity {
    channels = Set.copyOf(channels);
    sender = sender == null ? "default" : sender;
    missingToSend = List.copyOf(missingToSend);
    missingForWebhooks = List.copyOf(missingForWebhooks);
  }

  /** A provider that sends as {@code "default"} and misses nothing. */
  public static ProviderIdentity of(String name, Channel first, Channel... more) {
    return new ProviderIdentity(name, EnumSet.of(first, more), null, List.of(), List.of());
  }

  public ProviderIdentity sendingAs(String sender) {
    return new ProviderIdentity(name, channels, sender, missingToSend, missingForWebhooks);
  }

  public ProviderIdentity missingToSend(ProviderSettings.Missing missing) {
    return missingToSend(missing.list());
  }

  public ProviderIdentity missingToSend(List<String> missing) {
    return new ProviderIdentity(name, channels, sender, missing, missingForWebhooks);
  }

  public ProviderIdentity missingForWebhooks(ProviderSettings.Missing missing) {
    return new ProviderIdentity(name, channels, sender, missingToSend, missing.list());
  }

  /** Everything missing: what a send needs, then what the webhook needs. */
  public List<String> missingSettings() {
    return Stream.concat(missingToSend.stream(), missingForWebhooks.stream()).toList();
  }
}
