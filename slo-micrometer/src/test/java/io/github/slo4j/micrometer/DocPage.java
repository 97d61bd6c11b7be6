package io.github.slo4j.micrometer;

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
 * {@code // tag::name[]} … {@code // end::name[]} of the test that holds its code, line for line
 * (indentation and blank lines aside), and names that test.
 */
public final class DocPage {
  private static final Pattern REGION =
      Pattern.compile("// tag::([a-z0-9-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

  private DocPage() {}

  /**
   * Checks that {@code doc} (relative to the repository root) shows all {@code regions} regions of
   * {@code test} (relative to this module's test sources) and names it; returns the page.
   */
  public static String showsEveryRegion(String doc, String test, int regions) throws IOException {
    String page = Files.readString(Path.of("..").resolve(doc), StandardCharsets.UTF_8);
    String source = Files.readString(Path.of("src/test/java").resolve(test), StandardCharsets.UTF_8);
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

  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
