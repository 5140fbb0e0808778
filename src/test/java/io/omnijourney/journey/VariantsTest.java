package io.omnijourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** "Split A/B": the weights over many customers, the same variant every time, independent splits. */
class VariantsTest {

  private static final String SPLIT = "discountCampaign/Split_Offer";

  /** Each variant's share of 10,000 customer ids as an import would name them. */
  private static Map<String, Double> shares(Variants variants, String split) {
    Map<String, Integer> counts = new HashMap<>();
    IntStream.range(0, 10_000).forEach(i -> counts.merge(variants.of("cust-" + i, split), 1, Integer::sum));
    Map<String, Double> shares = new HashMap<>();
    counts.forEach((variant, count) -> shares.put(variant, count / 10_000.0));
    return shares;
  }

  @Test
  void tenThousandCustomersSplitAsTheWeightsSayWithinTwoPoints() {
    Map<String, Double> seventyThirty = shares(Variants.parse("A:70, B:30"), SPLIT);
    assertThat(seventyThirty.get("A")).isCloseTo(0.70, within(0.02));
    assertThat(seventyThirty.get("B")).isCloseTo(0.30, within(0.02));

    Map<String, Double> three = shares(Variants.parse("control:50,short:30,long:20"), SPLIT);
    assertThat(three.get("control")).isCloseTo(0.50, within(0.02));
    assertThat(three.get("short")).isCloseTo(0.30, within(0.02));
    assertThat(three.get("long")).isCloseTo(0.20, within(0.02));

    assertThat(shares(Variants.parse("A:1, B:0"), SPLIT)).containsOnlyKeys("A");
  }

  @Test
  void aCustomerIsAlwaysInTheSameVariantOfASplit() {
    Variants variants = Variants.parse("A:50, B:50");
    for (int i = 0; i < 1_000; i++) {
      assertThat(variants.of("cust-" + i, SPLIT)).isEqualTo(variants.of("cust-" + i, SPLIT));
    }
  }

  @Test
  void twoSplitsAreIndependent() {
    Variants variants = Variants.parse("A:50, B:50");
    long bothA = IntStream.range(0, 10_000)
        .filter(i -> variants.of("cust-" + i, SPLIT).equals("A")
            && variants.of("cust-" + i, "welcome/Split_Greeting").equals("A"))
        .count();
    // Were they the same split, half the customers would be A in both; independent, a quarter.
    assertThat(bothA / 10_000.0).isCloseTo(0.25, within(0.02));
  }

  @Test
  void weightsThatAreNoSplitAreRefusedSayingWhy() {
    assertThatThrownBy(() -> Variants.parse(null)).hasMessageContaining("A:50, B:50");
    assertThatThrownBy(() -> Variants.parse("A:100")).hasMessageContaining("two variants or more");
    assertThatThrownBy(() -> Variants.parse("A:0, B:0")).hasMessageContaining("a weight above 0");
    assertThatThrownBy(() -> Variants.parse("A=50, B=50")).hasMessageContaining("'A=50' is not a variant");
    assertThatThrownBy(() -> Variants.parse("A:50, A:50")).hasMessageContaining("variant A is named twice");
  }
}
