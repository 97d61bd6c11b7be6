package io.github.slo4j.alert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The docs' worked examples are the tests' code, verbatim: a doc sample cannot rot. */
class DocSnippetsTest {

  @ParameterizedTest
  @CsvSource({
    "alerting.md, AlertingDocTest.java, alerting-example",
    "policy.md, PolicyDocTest.java, policy-example"
  })
  void theDocQuotesTheTestVerbatim(String doc, String test, String region) throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Path docs = Files.isDirectory(root.resolve("docs")) ? root.resolve("docs") : root.getParent().resolve("docs");
    String text = Files.readString(docs.resolve(doc));
    String source = Files.readString(Path.of("src/test/java/io/github/slo4j/alert").resolve(test));
    Matcher m = Pattern.compile("// doc:begin " + region + "\\n(.*?)\\n\\s*// doc:end " + region, Pattern.DOTALL).matcher(source);
    assertTrue(m.find(), "no region " + region + " in " + test);
    String snippet = m.group(1).stripIndent().strip();
    assertTrue(normalize(text).contains(normalize(snippet)), doc + " must quote " + test + " (" + region + ") verbatim");
    assertTrue(text.contains(test.replace(".java", "")), doc + " must name " + test);
  }

  private static String normalize(String s) {
    return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}
