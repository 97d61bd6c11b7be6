package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every code sample in the README and the docs is a region of a test that compiles and passes: the
 * test marks it with {@code // tag::name[]} … {@code // end::name[]}, and this checks that the page
 * shows each region line for line (indentation aside) and names the test that holds it. A sample
 * therefore cannot rot.
 */
class DocSamplesTest {
  private static final Pattern REGION =
      Pattern.compile("// tag::([a-z0-9-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

  @ParameterizedTest(name = "{0} shows {1}")
  @CsvSource({
    "README.md, ReadmeExampleTest.java, 3",
    "docs/getting-started.md, GettingStartedDocTest.java, 4",
    "docs/faq.md, FaqDocTest.java, 6",
    "docs/concepts.md, ConceptsExampleTest.java, 4",
    "docs/windows.md, recorder/WindowsDocTest.java, 1",
    "docs/windows.md, recorder/StateFileDocTest.java, 2",
    "docs/notifications.md, notify/NotificationsDocTest.java, 2",
    "docs/alerting.md, monitor/AlertingDocTest.java, 2",
    "docs/alerting.md, monitor/WorkbookTiersDocTest.java, 1",
    "docs/policy.md, monitor/PolicyDocTest.java, 1",
    "docs/testing.md, testing/TestingDocTest.java, 7",
    "docs/canary.md, canary/CanaryDocTest.java, 3",
    "docs/composite.md, composite/CompositeDocTest.java, 3",
    "docs/corrections.md, correction/CorrectionsDocTest.java, 3",
    "docs/corrections.md, correction/CorrectionsAuditDocTest.java, 2",
    "docs/corrections.md, correction/LiveDrillDocTest.java, 2"
  })
  void theDocShowsEveryRegionOfItsTest(String doc, String test, int regions) throws IOException {
    String page = Files.readString(Path.of("..").resolve(doc), StandardCharsets.UTF_8);
    String source =
        Files.readString(Path.of("src/test/java/io/github/slo4j").resolve(test), StandardCharsets.UTF_8);
    Matcher m = REGION.matcher(source);
    int found = 0;
    while (m.find()) {
      found++;
      String code = normalize(m.group(2));
      String name = m.group(1);
      assertTrue(
          normalize(page).contains(code),
          () -> doc + " does not show region '" + name + "' of " + test + " as:\n" + code);
    }
    assertEquals(regions, found, "regions in " + test);
    String testName = Path.of(test).getFileName().toString().replace(".java", "");
    assertTrue(page.contains(testName), doc + " names " + testName);
  }

  /** The lines, stripped of indentation, blank ones dropped. */
  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
