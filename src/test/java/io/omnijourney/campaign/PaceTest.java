package io.omnijourney.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaceTest {

  private static final Instant DUE = Instant.parse("2026-12-20T16:00:00Z");

  @Test
  void aRateBecomesBatchesOfOneSecondsWorth_withinTheLargestBatch() {
    assertThat(Pace.of(50, 100)).isEqualTo(new Pace(50, Duration.ofSeconds(1)));
    assertThat(Pace.of(0.5, 100)).isEqualTo(new Pace(1, Duration.ofSeconds(2)));
    assertThat(Pace.of(500, 100)).isEqualTo(new Pace(100, Duration.ofMillis(200)));
  }

  @Test
  void theNextBatchIsDueAnIntervalAfterThisOneWasDue_soALateBatchDoesNotSlowTheCampaign() {
    Pace pace = Pace.of(10, 100);
    assertThat(pace.next(DUE, DUE.plusMillis(300))).isEqualTo(DUE.plusSeconds(1));
    assertThat(pace.next(DUE, DUE.plusMillis(1_900))).isEqualTo(DUE.plusSeconds(1));
  }

  @Test
  void aCampaignFarBehind_asAfterANodeDied_goesOnAnIntervalFromNowWithoutABurst() {
    Pace pace = Pace.of(10, 100);
    Instant now = DUE.plusSeconds(25);
    assertThat(pace.next(DUE, now)).isEqualTo(now.plusSeconds(1));
  }
}
