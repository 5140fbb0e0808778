package io.omnijourney.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language of our pages: Persian, Russian or English, as {@code ?lang=} says, else as the
 * browser asks (Accept-Language), else English. Persian pages run right to left. Stateless: the
 * pages' links carry {@code lang} along.
 */
@Component("localeResolver")
public class PageLocales implements LocaleResolver {

  public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("fa"),
      Locale.forLanguageTag("ru"));

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    String lang = request.getParameter("lang");
    if (lang != null) {
      for (Locale locale : SUPPORTED) {
        if (locale.getLanguage().equals(lang)) {
          return locale;
        }
      }
    }
    if (request.getHeader("Accept-Language") != null) {
      try {
        Locale best = Locale.lookup(Locale.LanguageRange.parse(request.getHeader("Accept-Language")), SUPPORTED);
        if (best != null) {
          return best;
        }
      } catch (IllegalArgumentException e) {
        // A malformed header: English.
      }
    }
    return Locale.ENGLISH;
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    throw new UnsupportedOperationException("The pages' language comes from ?lang= or Accept-Language");
  }

  /** What every page's layout needs: its language, its direction and links to itself in each language. */
  public void describe(HttpServletRequest request, Model model) {
    Locale locale = resolveLocale(request);
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("dir", "fa".equals(locale.getLanguage()) ? "rtl" : "ltr");
    model.addAttribute("languages", SUPPORTED.stream()
        .map(l -> new Language(l.getLanguage(), l.getDisplayLanguage(l),
            UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("lang", l.getLanguage())
                .replaceQueryParam("error").replaceQueryParam("logout").build().toUriString()))
        .toList());
  }

  /** A language the page can switch to. */
  public record Language(String code, String name, String url) {}
}
