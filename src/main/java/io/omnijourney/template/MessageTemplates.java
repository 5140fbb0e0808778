package io.omnijourney.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.omnijourney.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Renders message texts from the top-level {@code templates/} folder that analysts edit:
 * {@code templates/<id>/<channel>.<locale>.txt}, and for email also {@code .subject} and {@code .html}.
 * A locale without its own file falls back to its language ({@code fa-IR} to {@code fa}), then to
 * English. A missing variable is an error, never a message with a hole in it. A section is how a
 * text makes a variable optional:
 * {@code {{#feedbackUrl}}...{{feedbackUrl}}...{{/feedbackUrl}}{{^feedbackUrl}}...reply...{{/feedbackUrl}}}
 * renders the first part when the variable is there (and not empty), the second when it is not.
 * A send also gives every text the customer's profile as {@code customer}: {@code {{customer.name}}}
 * and {@code {{customer.attributes.city}}}, each there only when the profile has it.
 *
 * <p>The files are listed once, when this is built, and only ever looked up in that list: no
 * resource path is built from a template id or locale a caller passes, and what is cached is keyed
 * by those files, so it can never grow beyond them whatever ids and locales come in.
 */
@Component
public class MessageTemplates {

  static final String ROOT = "message-templates/";
  private static final String FALLBACK_LOCALE = "en";
  /** RFC 5646 asks software to handle tags of at least 35 characters; any real locale is shorter. */
  public static final int MAX_LOCALE_LENGTH = 35;
  private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern FILE = Pattern.compile(
      ".*/" + ROOT + "(" + TEMPLATE_ID + ")/([a-z]+)\\.([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\\.(txt|subject|html)$");

  /** What a send puts into every message's variables itself. */
  private static final Set<String> SUPPLIED = Set.of("locale", "unsubscribeUrl");
  /** The variable with the customer's profile ({@code customer.name}, {@code customer.attributes.city}). */
  public static final String CUSTOMER = "customer";

  /** Plain variables are strict (a missing one throws); a section on a missing or empty value is skipped. */
  private static final Mustache.Compiler STRICT_VARIABLES =
      Mustache.compiler().strictSections(false).emptyStringIsFalse(true);

  private final Mustache.Compiler text = STRICT_VARIABLES.escapeHTML(false);
  private final Mustache.Compiler html = STRICT_VARIABLES.escapeHTML(true);

  /** Every file of the catalogue by {@code <id>/<channel>.<locale>.<kind>}; fixed once built. */
  private final Map<String, Resource> files;
  private final SortedMap<String, SortedMap<Channel, SortedSet<String>>> catalogue;
  /** Compiled on first use; keyed by keys of {@link #files} only. */
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();
  /** Keyed by ids of {@link #catalogue} only. */
  private final Map<String, SortedSet<String>> variables = new ConcurrentHashMap<>();

  public MessageTemplates() {
    Map<String, Resource> found = new TreeMap<>();
    SortedMap<String, SortedMap<Channel, SortedSet<String>>> texts = new TreeMap<>();
    for (Resource resource : resources()) {
      Matcher file = FILE.matcher(url(resource));
      if (!file.matches() || Channel.fromId(file.group(2)).isEmpty()) {
        continue;
      }
      Channel channel = Channel.fromId(file.group(2)).orElseThrow();
      // The first on the classpath wins, as a ClassPathResource lookup would have it.
      found.putIfAbsent(key(file.group(1), channel, file.group(3), file.group(4)), resource);
      if (file.group(4).equals("txt")) {
        texts.computeIfAbsent(file.group(1), id -> new TreeMap<>())
            .computeIfAbsent(channel, c -> new TreeSet<>()).add(file.group(3));
      }
    }
    this.files = Map.copyOf(found);
    this.catalogue = Collections.unmodifiableSortedMap(texts);
  }

  /** Whether {@code id} has the form of a template id ({@code order-confirmation}); says nothing of whether it exists. */
  public static boolean isTemplateId(String id) {
    return id != null && TEMPLATE_ID.matcher(id).matches();
  }

  /** Whether {@code tag} is a well-formed BCP 47 language tag ({@code fa}, {@code en-GB}) of a sane length. */
  public static boolean isLanguageTag(String tag) {
    if (tag == null || tag.isEmpty() || tag.length() > MAX_LOCALE_LENGTH) {
      return false;
    }
    try {
      new Locale.Builder().setLanguageTag(tag);
      return true;
    } catch (IllformedLocaleException e) {
      return false;
    }
  }

  public RenderedMessage render(String templateId, Channel channel, String locale, Map<String, Object> variables) {
    Template body = find(templateId, channel, locale, "txt")
        .orElseThrow(() -> new TemplateException("No template '" + templateId + "' for channel " + channel.id()));
    try {
      String subject = find(templateId, channel, locale, "subject").map(t -> t.execute(variables).strip()).orElse(null);
      String htmlBody = find(templateId, channel, locale, "html").map(t -> t.execute(variables)).orElse(null);
      return new RenderedMessage(subject, body.execute(variables).strip(), htmlBody);
    } catch (MustacheException e) {
      throw new TemplateException("Template '" + templateId + "' for " + channel.id() + ": " + e.getMessage());
    }
  }

  /** Whether there is a template of this id, on any channel. */
  public boolean exists(String templateId) {
    return templateId != null && catalogue.containsKey(templateId);
  }

  /** Whether the template has a text for the channel (in any locale, English at least). */
  public boolean exists(String templateId, Channel channel) {
    return files.containsKey(key(templateId, channel, FALLBACK_LOCALE, "txt"));
  }

  /** Every template: id, then channel, then the locales it has a text in. */
  public SortedMap<String, SortedMap<Channel, SortedSet<String>>> catalogue() {
    return catalogue;
  }

  /**
   * The variables a template's texts need, over all its channels, locales, subjects and HTML bodies,
   * less those a send supplies itself ({@code locale}, {@code unsubscribeUrl}); empty when there is
   * no such template. A variable used only as a section ({@code {{#name}}} or {@code {{^name}}}) is
   * optional and not among them; the variables used inside an inverted section are (it renders when
   * its own variable is missing). The profile's fields are named whole ({@code customer.name}): a
   * journey's start checks them against the profile, not its variables.
   */
  public Optional<SortedSet<String>> variablesOf(String templateId) {
    if (!exists(templateId)) {
      return Optional.empty();
    }
    return Optional.of(variables.computeIfAbsent(templateId, this::collectVariables));
  }

  /** Whether {@code model} has a value at {@code name}, a variable's dotted path ({@code customer.attributes.city}). */
  public static boolean provides(Map<String, ?> model, String name) {
    Object value = model;
    for (String part : name.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return false;
      }
      value = map.get(part);
    }
    return value != null;
  }

  /** How many files the catalogue has: the most {@link #compiledCount()} can ever be. */
  int fileCount() {
    return files.size();
  }

  int compiledCount() {
    return compiled.size();
  }

  private SortedSet<String> collectVariables(String templateId) {
    SortedSet<String> names = new TreeSet<>();
    Mustache.Visitor collect = new Mustache.Visitor() {
      @Override
      public void visitText(String text) {}

      @Override
      public void visitVariable(String name) {
        names.add(name.startsWith(CUSTOMER + ".") ? name : name.split("\\.")[0]);
      }

      @Override
      public boolean visitInclude(String name) {
        return false;
      }

      @Override
      public boolean visitSection(String name) {
        return false; // optional; names inside a section may belong to its items or to the section's value
      }

      @Override
      public boolean visitInvertedSection(String name) {
        return true; // optional; what it holds renders when its variable is missing, so is needed then
      }
    };
    files.keySet().stream().filter(key -> key.startsWith(templateId + "/")).forEach(key -> template(key).visit(collect));
    names.removeAll(SUPPLIED);
    return Collections.unmodifiableSortedSet(names);
  }

  /** The text of this kind in the first locale of the catalogue among: the tag, its language, English. */
  private Optional<Template> find(String templateId, Channel channel, String locale, String kind) {
    return candidates(locale)
        .map(candidate -> key(templateId, channel, candidate, kind))
        .filter(files::containsKey)
        .findFirst()
        .map(this::template);
  }

  private static Stream<String> candidates(String locale) {
    if (!isLanguageTag(locale)) {
      return Stream.of(FALLBACK_LOCALE);
    }
    int dash = locale.indexOf('-');
    String language = (dash < 0 ? locale : locale.substring(0, dash)).toLowerCase(Locale.ROOT);
    return Stream.of(locale, language, FALLBACK_LOCALE);
  }

  private Template template(String key) {
    return compiled.computeIfAbsent(key, k -> {
      Mustache.Compiler compiler = k.endsWith(".html") ? html : text;
      try (InputStream in = files.get(k).getInputStream()) {
        return compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static String key(String templateId, Channel channel, String locale, String kind) {
    return templateId + "/" + channel.id() + "." + locale + "." + kind;
  }

  private static List<Resource> resources() {
    try {
      return List.of(new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "*/*.*"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String url(Resource resource) {
    try {
      return resource.getURL().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A template is missing, or a variable it needs. */
  public static class TemplateException extends RuntimeException {
    public TemplateException(String message) {
      super(message);
    }
  }
}
