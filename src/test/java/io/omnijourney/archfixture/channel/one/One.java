package io.omnijourney.archfixture.channel.one;

import io.omnijourney.archfixture.channel.two.Two;

/** A provider package that uses another, for {@code ArchitectureTest}. */
public class One {
  Two two;
}
