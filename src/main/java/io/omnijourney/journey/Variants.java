package io.omnijourney.journey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variants of an A/B split and their weights, as an analyst writes them on "Split A/B":
 * {@code A:70, B:30} (weights are whole numbers, shares of their sum).
 *
 * <p>A customer's variant is a pure function of their id and the split: the SHA-256 of both, read as
 * a number from 0 to 1, falls into one variant's share. So a customer is always in the same variant
 * of a split (a second journey, a retried step, another node), and two splits are independent.
 */
record Variants(List<Variant> variants) {

  /** One variant and its weight. */
  record Variant(String name, int weight) {}

  private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z0-9_-]{1,32})\\s*:\\s*(\\d{1,6})\\s*");

  /** @throws IllegalArgumentException naming what is wrong, for the analyst */
  static Variants parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no variants: write them as A:50, B:50");
    }
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (String entry : text.split(",")) {
      Matcher m = ENTRY.matcher(entry);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + entry.strip() + "' is not a variant and its weight, such as A:50");
      }
      if (!names.add(m.group(1))) {
        throw new IllegalArgumentException("variant " + m.group(1) + " is named twice");
      }
      variants.add(new Variant(m.group(1), Integer.parseInt(m.group(2))));
    }
    if (variants.size() < 2 || variants.stream().mapToInt(Variant::weight).sum() == 0) {
      throw new IllegalArgumentException("a split needs two variants or more, and a weight above 0");
    }
    return new Variants(List.copyOf(variants));
  }

  /** The variant of this customer in the split named {@code split}. */
  String of(String customerId, String split) {
    long total = variants.stream().mapToLong(Variant::weight).sum();
    double point = position(customerId, split) * total;
    long upTo = 0;
    for (Variant variant : variants) {
      upTo += variant.weight();
      if (point < upTo) {
        return variant.name();
      }
    }
    return variants.get(variants.size() - 1).name();
  }

  /** Where the customer falls in [0, 1) for this split: uniform over customers, the same every time. */
  static double position(String customerId, String split) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((split + "\n" + customerId).getBytes(StandardCharsets.UTF_8));
      return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
