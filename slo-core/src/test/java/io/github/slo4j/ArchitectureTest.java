package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of slo-core, enforced: every main source file is read, and each slo4j name it
 * imports or writes fully qualified (in code or in a comment, a Javadoc {@code {@link}} included;
 * string literals are not references) must belong to its own layer or to one its layer may use.
 * The rules, and why, are in docs/architecture.md; {@link #theArchitecturePageShowsTheseRules}
 * keeps its table and {@link #MAY_USE} the same.
 *
 * <p>A layer is the package segment after {@code io.github.slo4j} ({@code internal.stats} is in
 * {@code internal}); the root package is the model. Besides slo4j, a layer may import {@code
 * java.*} and {@code org.slf4j} only; the command line may import anything and nothing may import
 * it. A package that no rule names fails the test, so a new package starts by saying where it sits.
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.slo4j";
  private static final Path MAIN = Path.of("src/main/java");
  /** The command line's sources: a module of its own (slo-cli), the same layer rules. */
  private static final Path CLI_MAIN = Path.of("../slo-cli/src/main/java");

  /** The command line: it may use anything; nothing may use it. */
  private static final String CLI = "cli";

  /**
   * The slo4j layers each layer may use besides itself (and besides {@code java.*} and {@code
   * org.slf4j}), as in DESIGN.md; {@code canary} also uses the monitor (a canary's verdict joins the
   * release gate) and HdrHistogram ({@link #EXTERNAL_OF}); {@code testing} the monitor (assertions on
   * alerting) and HdrHistogram.
   */
  static final Map<String, List<String>> MAY_USE = mayUse();

  private static Map<String, List<String>> mayUse() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("model", List.of("internal"));
    m.put("recorder", List.of("model", "internal"));
    m.put("monitor", List.of("model", "internal"));
    m.put("replay", List.of("model", "monitor", "correction", "internal"));
    m.put("canary", List.of("model", "monitor", "replay", "internal"));
    m.put("testing", List.of("model", "monitor", "replay", "internal"));
    m.put("notify", List.of("model", "monitor", "internal"));
    m.put("composite", List.of("model", "internal"));
    m.put("correction", List.of("model", "recorder", "monitor", "notify", "internal"));
    m.put(CLI, List.of());
    m.put("internal", List.of());
    return m;
  }

  private static final List<String> EXTERNAL = List.of("java.*", "org.slf4j");

  /**
   * Libraries besides {@link #EXTERNAL} that one layer may use: the canary gate and the latency
   * assertions take HdrHistogram's histograms.
   */
  static final Map<String, String> EXTERNAL_OF = Map.of("canary", "org.HdrHistogram", "testing", "org.HdrHistogram");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
  private static final Pattern QUALIFIED =
      Pattern.compile("(?<![\\w.])io\\.github\\.slo4j(?:\\.[A-Za-z_$][\\w$]*)*");

  @Test
  void everyLayerUsesOnlyTheLayersItMay() {
    Map<String, String> sources = mainSources();
    List<String> violations = new ArrayList<>();
    sources.forEach((file, text) -> violations.addAll(violations(file, text)));
    assertTrue(
        violations.isEmpty(),
        () -> "layer violations (see docs/architecture.md):\n  " + String.join("\n  ", violations));
  }

  @Test
  void theCheckSeesEveryLayerOfTheMainSources() {
    // a check that read no file (a wrong working directory) would pass whatever the code imports
    Set<String> layers = new TreeSet<>();
    mainSources().forEach((file, text) -> layers.add(layerOf(packageOf(text))));
    assertTrue(
        layers.containsAll(List.of("model", "recorder", "monitor", "replay", CLI, "internal")),
        () -> "layers seen in " + MAIN.toAbsolutePath() + ": " + layers);
  }

  @Test
  void everyPackageExplainsItselfInAPackageInfo() throws IOException {
    Set<Path> dirs = new TreeSet<>();
    mainSources().keySet().forEach(f -> dirs.add(Path.of(f).getParent()));
    List<String> missing = new ArrayList<>();
    for (Path dir : dirs) {
      Path info = MAIN.resolve(dir).resolve("package-info.java");
      if (!Files.exists(info)) {
        info = CLI_MAIN.resolve(dir).resolve("package-info.java");
      }
      if (!Files.exists(info) || !Files.readString(info, StandardCharsets.UTF_8).contains("/**")) {
        missing.add(dir.toString().replace('\\', '/'));
      }
    }
    assertEquals(List.of(), missing, "packages without a documented package-info.java");
  }

  @Test
  void theArchitecturePageShowsTheseRules() throws IOException {
    String page = Files.readString(Path.of("../docs/architecture.md"), StandardCharsets.UTF_8);
    Map<String, String> shown = new LinkedHashMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(io\\.github\\.slo4j[\\w.]*)` \\|.*\\| ([^|]+) \\|$").matcher(page);
    while (row.find()) {
      shown.put(layerOf(row.group(1)), row.group(2).replace("`", "").strip());
    }
    Map<String, String> rules = new LinkedHashMap<>();
    MAY_USE.forEach(
        (layer, uses) ->
            rules.put(
                layer,
                layer.equals(CLI)
                    ? "anything"
                    : uses.isEmpty() ? "nothing but java.* and org.slf4j" : String.join(", ", uses)));
    assertEquals(rules, shown, "the last column of the layer table in docs/architecture.md");
  }

  // ---- the check itself, on planted sources ----

  @Test
  void aModelTypeLinkingToTheMonitorInItsJavadocIsAViolation() {
    String source =
        "package io.github.slo4j;\n\n"
            + "import io.github.slo4j.internal.Require;\n\n"
            + "/** The gate of a {@link io.github.slo4j.monitor.BudgetPolicy} asks. */\n"
            + "public record ChangeMarker(String name) {}\n";
    assertEquals(
        List.of(
            "io/github/slo4j/ChangeMarker.java:5: model uses io.github.slo4j.monitor.BudgetPolicy"
                + " (model may use only internal, java.*, org.slf4j)"),
        violations("io/github/slo4j/ChangeMarker.java", source));
  }

  @Test
  void onlyTheCanaryMayImportHdrHistogram() {
    String canary =
        "package io.github.slo4j.canary;\n"
            + "import io.github.slo4j.monitor.SloMonitor;\n"
            + "import org.HdrHistogram.Histogram;\n"
            + "final class G {}\n";
    assertEquals(List.of(), violations("io/github/slo4j/canary/G.java", canary));
    String recorder = canary.replace("package io.github.slo4j.canary;", "package io.github.slo4j.recorder;");
    assertEquals(
        List.of(
            "io/github/slo4j/recorder/G.java:2: recorder uses io.github.slo4j.monitor.SloMonitor"
                + " (recorder may use only model, internal, java.*, org.slf4j)",
            "io/github/slo4j/recorder/G.java:3: recorder uses org.HdrHistogram.Histogram"
                + " (recorder may use only model, internal, java.*, org.slf4j)"),
        violations("io/github/slo4j/recorder/G.java", recorder));
  }

  @Test
  void theMonitorImportingTheRecorderIsAViolation() {
    String source =
        "package io.github.slo4j.monitor;\n"
            + "import io.github.slo4j.WindowReader;\n"
            + "import io.github.slo4j.recorder.SloRecorder;\n"
            + "final class PeriodBudget {}\n";
    assertEquals(
        List.of(
            "io/github/slo4j/monitor/PeriodBudget.java:3: monitor uses io.github.slo4j.recorder.SloRecorder"
                + " (monitor may use only model, internal, java.*, org.slf4j)"),
        violations("io/github/slo4j/monitor/PeriodBudget.java", source));
  }

  @Test
  void staticWildcardAndQualifiedReferencesCountAndStringsDoNot() {
    String source =
        "package io.github.slo4j.internal;\n"
            + "import static io.github.slo4j.ErrorBudget.burnRate;\n"
            + "import io.github.slo4j.recorder.*;\n"
            + "final class X {\n"
            + "  Object o = new io.github.slo4j.monitor.AlertRules.Builder(); // code\n"
            + "  String s = \"io.github.slo4j.replay.Replay\" + '\"' + \"\"\"\n"
            + "      io.github.slo4j.cli.Main \\\"\"\" still text\n"
            + "      \"\"\";\n"
            + "  // io.github.slo4j.internal.Require is its own layer\n"
            + "}\n";
    assertEquals(
        List.of(
            "X.java:2: internal uses io.github.slo4j.ErrorBudget.burnRate"
                + " (internal may use only java.*, org.slf4j)",
            "X.java:3: internal uses io.github.slo4j.recorder.*"
                + " (internal may use only java.*, org.slf4j)",
            "X.java:5: internal uses io.github.slo4j.monitor.AlertRules.Builder"
                + " (internal may use only java.*, org.slf4j)"),
        violations("X.java", source));
  }

  @Test
  void nothingButTheCommandLineMayUseIt() {
    String replay =
        "package io.github.slo4j.replay;\nimport io.github.slo4j.cli.Json;\nclass R {}\n";
    String cli =
        "package io.github.slo4j.cli;\nimport io.github.slo4j.replay.Replay;\n"
            + "import io.github.slo4j.internal.Require;\nimport com.example.Anything;\nclass C {}\n";
    assertEquals(
        List.of("R.java:2: replay uses io.github.slo4j.cli.Json (nothing outside cli may use the command line)"),
        violations("R.java", replay));
    assertEquals(List.of(), violations("C.java", cli));
  }

  @Test
  void anImportFromOutsideJavaAndSlf4jIsAViolation() {
    String source =
        "package io.github.slo4j.recorder;\n"
            + "import java.util.List;\nimport org.slf4j.Logger;\nimport javax.annotation.Nullable;\nclass R {}\n";
    assertEquals(
        List.of("R.java:4: recorder uses javax.annotation.Nullable (recorder may use only model, internal, java.*, org.slf4j)"),
        violations("R.java", source));
  }

  @Test
  void aPackageWithoutARuleIsAViolation() {
    assertEquals(
        List.of("F.java: package io.github.slo4j.fleet has no layer rule (add it to ArchitectureTest and docs/architecture.md)"),
        violations("F.java", "package io.github.slo4j.fleet;\nclass F {}\n"));
  }

  // ---- the checker ----

  /** The main sources (module-info aside) by path relative to src/main/java, '/'-separated. */
  /** The main sources of slo-core and of the command line (slo-cli), by path under src/main/java. */
  private static Map<String, String> mainSources() {
    Map<String, String> sources = new TreeMap<>();
    for (Path root : List.of(MAIN, CLI_MAIN)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
          if (!p.getFileName().toString().equals("module-info.java")) {
            sources.put(
                root.relativize(p).toString().replace('\\', '/'),
                Files.readString(p, StandardCharsets.UTF_8));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  /** What {@code text} (the source of {@code file}) uses that its layer may not, one line each. */
  static List<String> violations(String file, String text) {
    String pkg = packageOf(text);
    String layer = layerOf(pkg);
    if (!MAY_USE.containsKey(layer)) {
      return List.of(
          file + ": package " + pkg + " has no layer rule (add it to ArchitectureTest and docs/architecture.md)");
    }
    List<String> out = new ArrayList<>();
    String code = blankLiterals(text);
    List<int[]> declarations = new ArrayList<>();
    for (Pattern decl : List.of(PACKAGE, IMPORT)) {
      Matcher m = decl.matcher(code);
      while (m.find()) {
        declarations.add(new int[] {m.start(), m.end()});
        if (decl == IMPORT) {
          check(file, layer, m.group(1), lineOf(code, m.start(1)), out);
        }
      }
    }
    Matcher q = QUALIFIED.matcher(code);
    while (q.find()) {
      int at = q.start();
      if (declarations.stream().noneMatch(d -> d[0] <= at && at < d[1])) {
        check(file, layer, q.group(), lineOf(code, at), out);
      }
    }
    out.sort((a, b) -> Integer.compare(lineNumber(a), lineNumber(b)));
    return out;
  }

  private static void check(String file, String layer, String name, int line, List<String> out) {
    String where = file + ":" + line + ": " + layer + " uses " + name;
    String pkg = packageOfName(name);
    if (!pkg.equals(ROOT) && !pkg.startsWith(ROOT + ".")) {
      String extra = EXTERNAL_OF.get(layer);
      if (!layer.equals(CLI) && !pkg.startsWith("java.") && !(pkg + ".").startsWith("org.slf4j.")
          && !(extra != null && name.startsWith(extra + "."))) {
        out.add(where + " (" + layer + " may use only " + allowed(layer) + ")");
      }
      return;
    }
    String used = layerOf(pkg);
    if (used.equals(layer) || layer.equals(CLI)) {
      return;
    }
    if (used.equals(CLI)) {
      out.add(where + " (nothing outside cli may use the command line)");
    } else if (!MAY_USE.get(layer).contains(used)) {
      out.add(where + " (" + layer + " may use only " + allowed(layer) + ")");
    }
  }

  private static String allowed(String layer) {
    List<String> all = new ArrayList<>(MAY_USE.get(layer));
    all.addAll(EXTERNAL);
    if (EXTERNAL_OF.containsKey(layer)) {
      all.add(EXTERNAL_OF.get(layer));
    }
    return String.join(", ", all);
  }

  /** The layer of a slo4j package: the segment after the root, or "model" for the root. */
  static String layerOf(String pkg) {
    if (pkg.equals(ROOT)) {
      return "model";
    }
    String rest = pkg.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static String packageOf(String text) {
    Matcher m = PACKAGE.matcher(blankLiterals(text));
    if (!m.find() || !(m.group(1).equals(ROOT) || m.group(1).startsWith(ROOT + "."))) {
      throw new IllegalArgumentException("not a slo4j source: no package " + ROOT + "...");
    }
    return m.group(1);
  }

  /** The package of a qualified name: its segments before the first that starts upper-case. */
  private static String packageOfName(String name) {
    List<String> segments = new ArrayList<>();
    for (String s : name.split("\\.")) {
      if (s.equals("*") || Character.isUpperCase(s.charAt(0))) {
        break;
      }
      segments.add(s);
    }
    return String.join(".", segments);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int lineNumber(String violation) {
    Matcher m = Pattern.compile("^[^:]*:(\\d+):").matcher(violation);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * The text with the contents of string, text-block and char literals blanked (newlines kept, so
   * offsets and lines stay), comments kept: a name in a string is not a reference, one in a
   * comment (a Javadoc link) is.
   */
  static String blankLiterals(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        int end = s.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(s, i, end);
        i = end;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(s, i, end);
        i = end;
      } else if (s.startsWith("\"\"\"", i)) {
        out.append("\"\"\"");
        i += 3;
        while (i < n && !s.startsWith("\"\"\"", i)) {
          int k = s.charAt(i) == '\\' && i + 1 < n ? 2 : 1;
          blank(s, i, k, out);
          i += k;
        }
        out.append(s, i, Math.min(n, i + 3));
        i += 3;
      } else if (c == '"' || c == '\'') {
        out.append(c);
        i++;
        while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') {
          int k = s.charAt(i) == '\\' && i + 1 < n ? 2 : 1;
          blank(s, i, k, out);
          i += k;
        }
        if (i < n) {
          out.append(s.charAt(i));
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blank(String s, int from, int count, StringBuilder out) {
    for (int j = from; j < from + count; j++) {
      out.append(s.charAt(j) == '\n' ? '\n' : ' ');
    }
  }
}
