package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docs check of this module, as slo-core's DocSamplesTest does it: a page shows every region
 * {@code // tag::name[]} … {@code // end::name[]} of the test that holds its code, and every file it
 * quotes, line for line (indentation and blank lines aside), and names the test.
 */
final class DocPage {
  private static final Pattern REGION =
      Pattern.compile("// tag::([a-z0-9-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

  private DocPage() {}

  /** Checks that {@code doc} (from the repository root) shows all {@code regions} regions of {@code test}; returns the page. */
  static String showsEveryRegion(String doc, String test, int regions) throws IOException {
    String page = read(Path.of("..").resolve(doc));
    String source = read(Path.of("src/test/java").resolve(test));
    Matcher m = REGION.matcher(source);
    int found = 0;
    while (m.find()) {
      found++;
      assertTrue(normalize(page).contains(normalize(m.group(2))), doc + " shows region " + m.group(1) + ":\n" + m.group(2));
    }
    assertEquals(regions, found, "tagged regions in " + test);
    String name = Path.of(test).getFileName().toString().replace(".java", "");
    assertTrue(page.contains(name), doc + " names " + name);
    return page;
  }

  /** Checks that {@code doc} shows the whole of {@code file} (from this module's root). */
  static void showsFile(String doc, String file) throws IOException {
    String page = read(Path.of("..").resolve(doc));
    String content = read(Path.of(file));
    assertTrue(normalize(page).contains(normalize(content)), doc + " shows " + file + ":\n" + content);
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
