package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every relative link of a docs page leads somewhere: the file exists, and an anchor is a heading of
 * the page it points to (GitHub's rule: lower case, punctuation dropped, spaces to hyphens).
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "README.md", "docs/getting-started.md", "docs/faq.md", "docs/incident-loop.md", "docs/concepts.md", "docs/alerting.md",
    "docs/canary.md", "docs/testing.md", "docs/composite.md", "docs/corrections.md", "docs/notifications.md", "docs/spring-boot.md",
    "docs/micrometer.md", "docs/fleet.md", "docs/openslo.md", "docs/windows.md", "docs/policy.md", "docs/architecture.md"
  })
  void everyRelativeLinkLeadsSomewhere(String doc) throws IOException {
    Path page = Path.of("..").resolve(doc);
    String text = Files.readString(page, StandardCharsets.UTF_8);
    List<String> broken = new ArrayList<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String link = m.group(1);
      if (link.contains("://") || link.startsWith("mailto:")) {
        continue;
      }
      int hash = link.indexOf('#');
      String file = hash < 0 ? link : link.substring(0, hash);
      Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
      if (!Files.exists(target)) {
        broken.add(link + " (no such file)");
        continue;
      }
      if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
        broken.add(link + " (no such heading in " + target.getFileName() + ")");
      }
    }
    assertEquals(List.of(), broken, doc + " has broken links");
  }

  private static List<String> anchors(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = HEADING.matcher(Files.readString(page, StandardCharsets.UTF_8));
    while (m.find()) {
      out.add(m.group(1).strip().toLowerCase(Locale.ROOT)
          .replaceAll("[^\\p{L}\\p{N} _-]", "")
          .replace(' ', '-'));
    }
    return out;
  }
}
