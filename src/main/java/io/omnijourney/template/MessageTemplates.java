package io.omnijourney.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.omnijourney.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders message texts from the top-level {@code templates/} folder that analysts edit:
 * {@code templates/<id>/<channel>.<locale>.txt}, and for email also {@code .subject} and {@code .html}.
 * A locale without its own file falls back to English. A missing variable is an error, never a
 * message with a hole in it.
 */
@Component
public class MessageTemplates {

  static final String ROOT = "message-templates/";
  private static final String FALLBACK_LOCALE = "en";

  private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).strictSections(true);
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).strictSections(true);
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
