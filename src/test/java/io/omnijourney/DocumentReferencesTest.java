package io.omnijourney;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project documents itself: every document that the code, the README or docs/ names (a
 * Markdown file by its path, a Markdown link) is in the repository, beside the file that names it
 * or from the repository's root. A link's text is not a path; its target is.
 */
class DocumentReferencesTest {

  private static final Pattern MARKDOWN_FILE = Pattern.compile("(?<![\\w/.\\[-])([\\w./-]*[\\w-]+\\.md)\\b(?!\\]\\()");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  @Test
  void everyNamedDocumentExists() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("SECURITY.md")));
    for (String root : List.of("src", "docs", "templates", "bench")) {
      try (Stream<Path> tree = Files.walk(Path.of(root))) {
        tree.filter(Files::isRegularFile)
            .filter(f -> f.toString().matches(".*\\.(java|md|yaml|yml|sql|xml|properties)$"))
            .forEach(files::add);
      }
    }

    List<String> missing = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file);
      List<Pattern> patterns = file.toString().endsWith(".md") ? List.of(MARKDOWN_FILE, LINK) : List.of(MARKDOWN_FILE);
      for (Pattern pattern : patterns) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          String target = m.group(1);
          if (target.contains("://") || target.startsWith("mailto:")) {
            continue;
          }
          if (!Files.exists(file.resolveSibling(target)) && !Files.exists(Path.of(target))) {
            missing.add(file + " names " + target);
          }
        }
      }
    }

    assertThat(files).hasSizeGreaterThan(100);
    assertThat(missing).isEmpty();
  }
}
