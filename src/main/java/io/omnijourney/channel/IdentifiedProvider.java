package io.omnijourney.channel;

import java.util.List;
import java.util.Set;

/**
 * A provider whose name, channels, sender and missing settings are its {@link ProviderIdentity}: the
 * provider itself writes only what is its own, sending (and looking up).
 */
public abstract class IdentifiedProvider implements ChannelProvider {

  private final ProviderIdentity identity;

  protected IdentifiedProvider(ProviderIdentity identity) {
    this.identity = identity;
  }

  public ProviderIdentity identity() {
    return identity;
  }

  @Override
  public String name() {
    return identity.name();
  }

  @Override
  public Set<Channel> channels() {
    return identity.channels();
  }

  @Override
  public String sender(Channel channel) {
    return identity.sender();
  }

  @Override
  public List<String> missingSettings() {
    return identity.missingSettings();
  }

  @Override
  public List<String> missingToSend() {
    return identity.missingToSend();
  }
}
