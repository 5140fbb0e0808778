package io.omnijourney.channel;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which providers send on each channel, and how hard each may be driven:
 * <ul>
 *   <li>{@code omnijourney.channels.<channel>.provider}, and optionally {@code .secondary}, the
 *       provider the channel fails over to while the primary is out;
 *   <li>{@code omnijourney.rate-limits.<provider>}: messages per second, per sender;
 *   <li>{@code omnijourney.failover.*}: when a provider counts as out (its circuit breaker).
 * </ul>
 */
@ConfigurationProperties("omnijourney")
public record ChannelSettings(Map<String, ChannelSetting> channels, Map<String, Double> rateLimits, Failover failover) {

  public record ChannelSetting(String provider, String secondary) {}

  /**
   * A provider is out when at least {@code failureRate} percent of its last {@code window} calls
   * (and at least {@code minimumCalls}) failed transiently or without an answer. It stays out for
   * {@code openFor}, then a few trial sends decide whether it is back. Whatever the breaker says,
   * a delivery whose first {@code afterAttempts} attempts failed on the primary tries the secondary
   * next, rather than spend its last retry where it keeps failing.
   */
  public record Failover(Float failureRate, Integer window, Integer minimumCalls, Duration openFor,
      Integer afterAttempts) {
    public Failover {
      failureRate = failureRate == null ? 50f : failureRate;
      window = window == null ? 20 : window;
      minimumCalls = minimumCalls == null ? 5 : minimumCalls;
      openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
      afterAttempts = afterAttempts == null ? 2 : afterAttempts;
    }
  }

  public ChannelSettings {
    channels = channels == null ? Map.of() : channels;
    rateLimits = rateLimits == null ? Map.of() : rateLimits;
    failover = failover == null ? new Failover(null, null, null, null, null) : failover;
  }

  public String providerFor(Channel channel) {
    ChannelSetting setting = channels.get(channel.id());
    return setting == null || blank(setting.provider()) ? "sandbox" : setting.provider();
  }

  /** The provider the channel fails over to, or null. */
  public String secondaryFor(Channel channel) {
    ChannelSetting setting = channels.get(channel.id());
    return setting == null || blank(setting.secondary()) ? null : setting.secondary();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
