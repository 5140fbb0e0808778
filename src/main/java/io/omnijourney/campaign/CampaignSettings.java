package io.omnijourney.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnijourney.campaigns.*}:
 * <ul>
 *   <li>{@code max-rate-per-second}: the highest {@code ratePerSecond} a campaign may ask for;
 *   <li>{@code max-batch}: the most journeys one batch starts, in one transaction (a faster campaign
 *       runs more batches a second).
 * </ul>
 */
@ConfigurationProperties("omnijourney.campaigns")
public record CampaignSettings(Double maxRatePerSecond, Integer maxBatch) {

  public CampaignSettings {
    maxRatePerSecond = maxRatePerSecond == null ? 500d : maxRatePerSecond;
    maxBatch = maxBatch == null ? 100 : maxBatch;
    if (maxRatePerSecond <= 0 || maxBatch < 1) {
      throw new IllegalArgumentException("omnijourney.campaigns.max-rate-per-second and max-batch must be above 0");
    }
  }
}
