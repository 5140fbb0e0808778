package io.omnijourney.kpi;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a provider charges: {@code omnijourney.kpi.prices.<provider>.<channel>}, per SMS segment on
 * SMS and per message on every other channel, in {@code currency}. A provider and channel without
 * a price have no cost in the KPIs (null), rather than a cost of 0.
 */
@ConfigurationProperties("omnijourney.kpi")
public record Prices(String currency, Map<String, Map<String, BigDecimal>> prices) {

  public Prices {
    currency = currency == null || currency.isBlank() ? "USD" : currency;
    prices = prices == null ? Map.of() : Map.copyOf(prices);
  }

  Optional<BigDecimal> of(String provider, String channel) {
    return Optional.ofNullable(provider).map(prices::get).map(byChannel -> byChannel.get(channel));
  }
}
