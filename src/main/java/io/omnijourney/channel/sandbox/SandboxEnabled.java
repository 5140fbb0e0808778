package io.omnijourney.channel.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The sandbox's beans exist only with {@code omnijourney.sandbox.enabled=true} (the local default; off in prod). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "omnijourney.sandbox.enabled", havingValue = "true")
public @interface SandboxEnabled {}
