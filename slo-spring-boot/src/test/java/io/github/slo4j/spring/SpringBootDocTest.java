package io.github.slo4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md shows, line for line (indentation and blank lines aside), every tagged region
 * of the files ShopApplicationTest runs: the application, its YAML and the alert listener. The tag
 * syntax is slo-core's DocSamplesTest's ({@code // tag::name[]} … {@code // end::name[]}, or with
 * {@code #} in YAML).
 */
class SpringBootDocTest {
  private static final Pattern REGION =
      Pattern.compile("(?://|#) tag::([a-z0-9-]+)\\[\\]\\n(.*?)\\n\\s*(?://|#) end::\\1\\[\\]", Pattern.DOTALL);

  @Test
  void thePageShowsTheApplicationItsYamlAndItsAlertListener() throws IOException {
    String page = Files.readString(Path.of("../docs/spring-boot.md"), StandardCharsets.UTF_8);
    assertEquals(1, shown(page, "src/test/java/io/github/slo4j/spring/shop/ShopApplication.java"));
    assertEquals(1, shown(page, "src/test/resources/shop/application.yaml"));
    assertEquals(1, shown(page, "src/test/resources/shop/delivery.yaml"));
    assertEquals(1, shown(page, "src/test/java/io/github/slo4j/spring/shop/ShopApplicationTest.java"));
    assertTrue(page.contains("ShopApplicationTest"), "the page names the test that runs its code");
  }

  /** Checks that the page shows every region of {@code file}; returns how many there are. */
  private static int shown(String page, String file) throws IOException {
    String source = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    Matcher m = REGION.matcher(source);
    int found = 0;
    while (m.find()) {
      found++;
      assertTrue(normalize(page).contains(normalize(m.group(2))),
          "docs/spring-boot.md shows region " + m.group(1) + " of " + file + ":\n" + m.group(2));
    }
    return found;
  }

  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
