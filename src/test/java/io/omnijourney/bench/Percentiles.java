package io.omnijourney.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** p50, p95 and p99 of a set of durations in milliseconds (nearest-rank). */
record Percentiles(double p50, double p95, double p99, double max) {

  static Percentiles ofMillis(double[] values) {
    if (values.length == 0) {
      return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("p50Ms", round(p50));
    map.put("p95Ms", round(p95));
    map.put("p99Ms", round(p99));
    map.put("maxMs", round(max));
    return map;
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
