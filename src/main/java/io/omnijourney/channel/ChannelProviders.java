package io.omnijourney.channel;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Picks the provider for each channel and guards every call to it.
 * <ul>
 *   <li><b>Failover.</b> Each channel has a primary provider and optionally a secondary
 *       ({@code omnijourney.channels.<channel>.provider} and {@code .secondary}). A circuit breaker
 *       per provider counts transient failures and calls without an answer; while the primary's is
 *       open, sends go to the secondary, and after {@code omnijourney.failover.open-for} trial sends
 *       bring the channel back to the primary once it answers again. A delivery whose attempts
 *       keep failing on the primary also moves to the secondary, whatever the breaker says.
 *   <li><b>Rate limits.</b> A token bucket per provider and sender
 *       ({@code omnijourney.rate-limits.<provider>} messages per second). A send waits for a token
 *       up to {@link #MAX_WAIT}; beyond that it is {@linkplain #THROTTLED throttled}, and its job is
 *       retried after the wait without using up a retry.
 * </ul>
 * A channel whose provider is missing or does not serve it stops the application at start.
 */
@Component
public class ChannelProviders {

  /** The code of a send our own rate limit held back. */
  public static final String THROTTLED = "throttled";
  /** The code of a send refused because the channel's providers are all out. */
  public static final String PROVIDER_OUT = "provider-out";
  /** The code of a send refused because its provider misses a setting it needs to send. */
  public static final String NOT_CONFIGURED = "not-configured";
  static final Duration MAX_WAIT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(ChannelProviders.class);

  private final Map<String, ChannelProvider> byName;
  private final Map<Channel, ChannelProvider> primary = new EnumMap<>(Channel.class);
  private final Map<Channel, ChannelProvider> secondary = new EnumMap<>(Channel.class);
  private final ChannelSettings settings;
  private final CircuitBreakerRegistry breakers;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ChannelProviders(List<ChannelProvider> providers, ChannelSettings settings) {
    this.settings = settings;
    this.byName = providers.stream().collect(Collectors.toMap(ChannelProvider::name, Function.identity()));
    for (Channel channel : Channel.values()) {
      primary.put(channel, serving(channel, settings.providerFor(channel)));
      String second = settings.secondaryFor(channel);
      if (second != null) {
        secondary.put(channel, serving(channel, second));
      }
    }
    ChannelSettings.Failover failover = settings.failover();
    breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .failureRateThreshold(failover.failureRate())
        .slidingWindowSize(failover.window())
        .minimumNumberOfCalls(failover.minimumCalls())
        .waitDurationInOpenState(failover.openFor())
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build());
  }

  private ChannelProvider serving(Channel channel, String name) {
    ChannelProvider provider = byName.get(name);
    if (provider == null) {
      throw new IllegalStateException("omnijourney.channels." + channel.id() + " names provider '" + name
          + "', but the providers available are " + byName.keySet());
    }
    if (!provider.channels().contains(channel)) {
      throw new IllegalStateException("Provider '" + name + "' does not send on channel " + channel.id());
    }
    return provider;
  }

  /** The provider a send on this channel goes to now: the primary unless it is out and there is a secondary. */
  public ChannelProvider forChannel(Channel channel) {
    ChannelProvider first = primary.get(channel);
    ChannelProvider second = secondary.get(channel);
    if (second != null && breaker(first).getState() == State.OPEN && breaker(second).getState() != State.OPEN) {
      return second;
    }
    return first;
  }

  /**
   * The provider for another attempt of a delivery whose earlier attempts were not taken: the
   * secondary once {@code failedAttempts} on the primary reach {@code omnijourney.failover.after-attempts},
   * so the delivery's last retries go where they may succeed; otherwise as {@link #forChannel}.
   */
  public ChannelProvider forChannel(Channel channel, String triedProvider, int failedAttempts) {
    ChannelProvider second = secondary.get(channel);
    if (second != null && primary.get(channel).name().equals(triedProvider)
        && failedAttempts >= settings.failover().afterAttempts()) {
      return second;
    }
    return forChannel(channel);
  }

  /** A provider by its name, e.g. the one an earlier attempt of a delivery went to. */
  public ChannelProvider named(String name) {
    ChannelProvider provider = byName.get(name);
    if (provider == null) {
      throw new IllegalStateException("No provider named '" + name + "' is available");
    }
    return provider;
  }

  /** The providers configured on some channel, for the settings checks at start. */
  public List<ChannelProvider> inUse() {
    return Stream.concat(primary.values().stream(), secondary.values().stream()).distinct().toList();
  }

  /**
   * Sends through the provider's rate limit and circuit breaker. An exception from the provider
   * (the outcome is unknown) counts against the provider and is rethrown.
   */
  public SendOutcome send(ChannelProvider provider, OutboundMessage message) {
    List<String> missing = provider.missingToSend();
    if (!missing.isEmpty()) {
      return new SendOutcome.Misconfigured(NOT_CONFIGURED,
          provider.name() + " is not configured: " + String.join(", ", missing) + " not set");
    }
    Duration wait = takeToken(provider, message);
    if (wait != null) {
      return new SendOutcome.Transient(THROTTLED, "our rate limit for " + provider.name() + " is reached", wait);
    }
    CircuitBreaker breaker = breaker(provider);
    if (!breaker.tryAcquirePermission()) {
      return new SendOutcome.Transient(PROVIDER_OUT, provider.name() + " is failing; sends to it are paused",
          settings.failover().openFor());
    }
    long started = System.nanoTime();
    try {
      SendOutcome outcome = provider.send(message);
      long took = System.nanoTime() - started;
      if (outcome instanceof SendOutcome.Transient failure) {
        breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(failure.code()));
      } else {
        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
      }
      return outcome;
    } catch (RuntimeException e) {
      breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  private CircuitBreaker breaker(ChannelProvider provider) {
    return breakers.circuitBreaker(provider.name());
  }

  /** Null when a token was taken (after at most {@link #MAX_WAIT}); otherwise how long until one is free. */
  private Duration takeToken(ChannelProvider provider, OutboundMessage message) {
    Double perSecond = settings.rateLimits().get(provider.name());
    if (perSecond == null || perSecond <= 0) {
      return null;
    }
    Bucket bucket = buckets.computeIfAbsent(provider.name() + "/" + provider.sender(message.channel()),
        key -> Bucket.builder().addLimit(limit(perSecond)).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return null;
    }
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    try {
      if (wait.compareTo(MAX_WAIT) <= 0 && bucket.asBlocking().tryConsume(1, MAX_WAIT)) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.debug("Rate limit of {} reached; the send waits {}", provider.name(), wait);
    return wait.compareTo(MAX_WAIT) < 0 ? MAX_WAIT : wait;
  }

  /** {@code perSecond} messages a second, in bursts of at most a second's worth (at least one). */
  private static Bandwidth limit(double perSecond) {
    if (perSecond >= 1) {
      long capacity = (long) Math.floor(perSecond);
      return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, Duration.ofSeconds(1)).build();
    }
    return Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofMillis(Math.round(1000 / perSecond))).build();
  }
}
