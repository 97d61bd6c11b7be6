package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public and protected type and member of every package the module descriptor exports has a
 * Javadoc comment: the JDK's own doclint, run on the main sources. The packages are read from
 * {@code module-info.java}, so a package exported later is covered without touching this test.
 *
 * <p>Why a test and not only the compiler flags: slo-core's main compilation runs doclint with
 * {@code -Xdoclint:all,-missing} (broken HTML, bad references and syntax fail the build there), but
 * doclint's "missing" group cannot tell a missing comment from a missing {@code @param} or {@code
 * @return}. The house rule is a comment on every public member, written as a sentence that says what
 * the parameters and result are; tags are welcome where they add something, not required on
 * accessors whose one line already says it. This test enforces the comment.
 */
class ApiJavadocTest {
  /** The packages {@code module-info.java} exports. */
  static List<String> exportedPackages() throws IOException {
    String descriptor = Files.readString(Path.of("src/main/java/module-info.java"));
    List<String> packages = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;").matcher(descriptor);
    while (m.find()) {
      packages.add(m.group(1));
    }
    return packages;
  }

  @Test
  void theModuleExportsTheLayersAndNothingElse() throws IOException {
    assertEquals(
        List.of(
            "io.github.slo4j",
            "io.github.slo4j.recorder",
            "io.github.slo4j.monitor",
            "io.github.slo4j.replay",
            "io.github.slo4j.testing",
            "io.github.slo4j.canary",
            "io.github.slo4j.notify",
            "io.github.slo4j.composite",
            "io.github.slo4j.correction"),
        exportedPackages());
  }

  @Test
  void everyPublicMemberOfTheApiIsDocumented(@TempDir Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests run on a JDK");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "-d", out.toString(),
              "-proc:none",
              "--release", "17",
              "-Xmaxwarns", "100000",
              "-Xdoclint:all/protected",
              "-Xdoclint/package:" + String.join(",", exportedPackages()),
              "--module-path", System.getProperty("jdk.module.path", ""),
              "-classpath", System.getProperty("java.class.path"));
      javac
          .getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString();
      String message = d.getMessage(Locale.ROOT);
      boolean missingTag = message.startsWith("no @param") || message.equals("no @return");
      if (!missingTag) {
        problems.add(file + ":" + d.getLineNumber() + ": " + message);
      }
    }
    assertEquals(List.of(), problems);
  }
}
