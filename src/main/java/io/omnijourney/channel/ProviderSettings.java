package io.omnijourney.channel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How every provider's settings record reads its values, in one place: a value is stripped, and a
 * blank one is missing (null), so {@code KEY=} in an env file means "not set" for every provider
 * alike; the settings a provider misses are named by their environment variables; and a settings
 * record prints its secrets only as set or unset.
 */
public final class ProviderSettings {

  private ProviderSettings() {}

  /** The value stripped; null when it is null or blank. */
  public static String value(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The value stripped, or {@code fallback} when it is null or blank. */
  public static String value(String value, String fallback) {
    String read = value(value);
    return read == null ? fallback : read;
  }

  /** A list of missing settings, e.g. {@code missing().unless(apiKey, "KAVENEGAR_API_KEY").list()}. */
  public static Missing missing() {
    return new Missing();
  }

  /** The settings found missing, by their environment variables, in the order they were checked. */
  public static final class Missing {
    private final List<String> names = new ArrayList<>();

    private Missing() {}

    /** Names {@code setting} as missing when {@code value} is null or blank. */
    public Missing unless(String value, String setting) {
      return when(value(value) == null, setting);
    }

    /** Names {@code setting} as missing when {@code missing} holds. */
    public Missing when(boolean missing, String setting) {
      if (missing) {
        names.add(setting);
      }
      return this;
    }

    public List<String> list() {
      return List.copyOf(names);
    }
  }

  /**
   * A settings record as {@code Name[a=1, b=x]}, with the components named in {@code secrets} shown
   * only as {@link Mask#secret set or unset}: for the records' {@code toString}, so that neither a
   * log line nor a settings dump ever shows a key.
   */
  public static String describe(Record settings, String... secrets) {
    Set<String> masked = Set.of(secrets);
    String components = Arrays.stream(settings.getClass().getRecordComponents())
        .map(component -> component.getName() + "=" + (masked.contains(component.getName())
            ? Mask.secret(read(settings, component)) : read(settings, component)))
        .collect(Collectors.joining(", "));
    return settings.getClass().getSimpleName() + "[" + components + "]";
  }

  private static String read(Record settings, RecordComponent component) {
    try {
      Object value = component.getAccessor().invoke(settings);
      return value == null ? null : value.toString();
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + settings.getClass().getSimpleName(), e);
    }
  }
}
