package io.omnijourney.archfixture.a;

import io.omnijourney.archfixture.b.B;

/** Half of a deliberate cycle, for {@code ArchitectureTest}: a uses b. */
public class A {
  B b;
}
