package io.omnijourney.archfixture.channel.two;

/** The provider package that {@link io.omnijourney.archfixture.channel.one.One} uses. */
public class Two {}
