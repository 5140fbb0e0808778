package io.omnijourney.archfixture.b;

import io.omnijourney.archfixture.a.A;

/** The other half: b uses a. */
public class B {
  A a;
}
