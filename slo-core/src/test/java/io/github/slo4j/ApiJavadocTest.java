package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * Every public and protected type and member of the API package {@code io.github.slo4j} has a
 * Javadoc comment with its {@code @param}s and {@code @return}: the JDK's own doclint, run on the
 * main sources.
 *
 * <p>Why a test and not only the compiler flags: slo-core's main compilation runs doclint with
 * {@code -Xdoclint:all,-missing} (broken HTML, bad references and syntax fail the build there), but
 * doclint's "missing" group cannot tell a missing comment from a missing {@code @return}, and the
 * files in {@link #PENDING_TAGS} — owned by engineers who are changing them right now — still lack
 * tags. This test holds everything else to the full rule and those files to "a comment on every
 * public member". Once they are tagged, empty the set and switch the compiler flag to {@code
 * -Xdoclint:all/protected}; this test then duplicates the build and can go.
 */
class ApiJavadocTest {
  /** Files allowed to miss @param/@return (never a whole comment) until their owners add them. */
  static final Set<String> PENDING_TAGS =
      Set.of(
          "AlertTier.java",
          "AlertTiers.java",
          "ManualTimeSource.java",
          "TimeSource.java",
          "WindowCounts.java",
          "WindowReader.java");

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
              "-Xdoclint/package:io.github.slo4j",
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
      if (!(missingTag && PENDING_TAGS.contains(file))) {
        problems.add(file + ":" + d.getLineNumber() + ": " + message);
      }
    }
    assertEquals(List.of(), problems);
  }
}
