package io.omnijourney.bench;

import java.time.Duration;

/**
 * How big a benchmark run is. {@code smoke} runs in {@code ./mvnw verify} in seconds so the code
 * cannot rot; {@code default} is the documented run (under 15 minutes on 2 cores); {@code large}
 * puts a million journeys in the database first.
 */
record BenchSize(String name, int clients, int journeys, int timers, Duration timerWindow, int waiting,
    Duration pgbenchTime, int pgbenchScale) {

  static BenchSize of(String name) {
    return switch (name) {
      case "smoke" -> new BenchSize("smoke", 4, 20, 30, Duration.ofSeconds(3), 100, Duration.ofSeconds(2), 1);
      case "default" -> new BenchSize("default", 8, 2_000, 10_000, Duration.ofMinutes(1), 100_000, Duration.ofSeconds(30), 10);
      case "large" -> new BenchSize("large", 8, 3_000, 10_000, Duration.ofMinutes(1), 1_000_000, Duration.ofSeconds(30), 10);
      default -> throw new IllegalArgumentException("bench.size is smoke, default or large, not " + name);
    };
  }

  boolean smoke() {
    return name.equals("smoke");
  }
}
