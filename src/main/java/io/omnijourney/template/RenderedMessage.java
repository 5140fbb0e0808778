package io.omnijourney.template;

/** A message ready to send: {@code subject} and {@code html} are set for email only. */
public record RenderedMessage(String subject, String text, String html) {}
