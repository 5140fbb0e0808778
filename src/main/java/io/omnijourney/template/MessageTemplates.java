package io.omnijourney.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.omnijourney.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Renders message texts from the top-level {@code templates/} folder that analysts edit:
 * {@code templates/<id>/<channel>.<locale>.txt}, and for email also {@code .subject} and {@code .html}.
 * A locale without its own file falls back to English. A missing variable is an error, never a
 * message with a hole in it. A section is how a text makes a variable optional:
 * {@code {{#feedbackUrl}}...{{feedbackUrl}}...{{/feedbackUrl}}{{^feedbackUrl}}...reply...{{/feedbackUrl}}}
 * renders the first part when the variable is there (and not empty), the second when it is not.
 */
@Component
public class MessageTemplates {

  static final String ROOT = "message-templates/";
  private static final String FALLBACK_LOCALE = "en";

  /** What a send puts into every message's variables itself. */
  private static final Set<String> SUPPLIED = Set.of("locale", "unsubscribeUrl");
  private static final Pattern TEXT_FILE =
      Pattern.compile(".*/" + ROOT + "([^/]+)/([a-z]+)\\.([a-z]{2})\\.txt$");

  /** Plain variables are strict (a missing one throws); a section on a missing or empty value is skipped. */
  private static final Mustache.Compiler STRICT_VARIABLES =
      Mustache.compiler().strictSections(false).emptyStringIsFalse(true);

  private final Mustache.Compiler text = STRICT_VARIABLES.escapeHTML(false);
  private final Mustache.Compiler html = STRICT_VARIABLES.escapeHTML(true);
  private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();

  public RenderedMessage render(String templateId, Channel channel, String locale, Map<String, Object> variables) {
    String lang = locale == null || locale.isBlank() ? FALLBACK_LOCALE : locale;
    String base = templateId + "/" + channel.id() + ".";
    Template body = find(base, lang, "txt", text)
        .orElseThrow(() -> new TemplateException("No template '" + templateId + "' for channel " + channel.id()));
    try {
      String subject = find(base, lang, "subject", text).map(t -> t.execute(variables).strip()).orElse(null);
      String htmlBody = find(base, lang, "html", html).map(t -> t.execute(variables)).orElse(null);
      return new RenderedMessage(subject, body.execute(variables).strip(), htmlBody);
    } catch (MustacheException e) {
      throw new TemplateException("Template '" + templateId + "' for " + channel.id() + ": " + e.getMessage());
    }
  }

  /** Whether the template has a text for the channel (in any locale, English at least). */
  public boolean exists(String templateId, Channel channel) {
    return find(templateId + "/" + channel.id() + ".", FALLBACK_LOCALE, "txt", text).isPresent();
  }

  /** Every template: id, then channel, then the locales it has a text in. */
  public SortedMap<String, SortedMap<Channel, SortedSet<String>>> catalogue() {
    SortedMap<String, SortedMap<Channel, SortedSet<String>>> found = new TreeMap<>();
    for (Resource resource : resources("*/*.txt")) {
      Matcher file = TEXT_FILE.matcher(url(resource));
      if (file.matches()) {
        Channel.fromId(file.group(2)).ifPresent(channel -> found
            .computeIfAbsent(file.group(1), id -> new TreeMap<>())
            .computeIfAbsent(channel, c -> new TreeSet<>()).add(file.group(3)));
      }
    }
    return found;
  }

  /**
   * The variables a template's texts need, over all its channels, locales, subjects and HTML bodies,
   * less those a send supplies itself ({@code locale}, {@code unsubscribeUrl}); empty when there is
   * no such template. A variable used only as a section ({@code {{#name}}} or {@code {{^name}}}) is
   * optional and not among them; the variables used inside an inverted section are (it renders when
   * its own variable is missing).
   */
  public Optional<SortedSet<String>> variablesOf(String templateId) {
    if (!templateId.matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    List<Resource> files = resources(templateId + "/*.*");
    if (files.isEmpty()) {
      return Optional.empty();
    }
    SortedSet<String> names = new TreeSet<>();
    Mustache.Visitor collect = new Mustache.Visitor() {
      @Override
      public void visitText(String text) {}

      @Override
      public void visitVariable(String name) {
        names.add(name.split("\\.")[0]);
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
    for (Resource file : files) {
      try (InputStream in = file.getInputStream()) {
        text.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)).visit(collect);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    names.removeAll(SUPPLIED);
    return Optional.of(names);
  }

  private static List<Resource> resources(String pattern) {
    try {
      return List.of(new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + pattern));
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

  private Optional<Template> find(String base, String locale, String kind, Mustache.Compiler compiler) {
    return load(base + locale + "." + kind, compiler).or(() -> load(base + FALLBACK_LOCALE + "." + kind, compiler));
  }

  private Optional<Template> load(String path, Mustache.Compiler compiler) {
    return cache.computeIfAbsent(path + (compiler == html ? "#html" : ""), key -> {
      ClassPathResource resource = new ClassPathResource(ROOT + path);
      if (!resource.exists()) {
        return Optional.empty();
      }
      try (InputStream in = resource.getInputStream()) {
        return Optional.of(compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A template is missing, or a variable it needs. */
  public static class TemplateException extends RuntimeException {
    public TemplateException(String message) {
      super(message);
    }
  }
}
