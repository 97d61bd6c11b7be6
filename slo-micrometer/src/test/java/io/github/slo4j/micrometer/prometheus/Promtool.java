package io.github.slo4j.micrometer.prometheus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code promtool} (Debian's {@code prometheus} package, 2.42): found with {@code
 * -Dpromtool=/path/to/promtool} or on the PATH. When it is missing, a test using it is skipped with a
 * message, except under {@code CI=true}, where its absence fails the test ({@code .ci/run} installs it).
 */
final class Promtool {
  private Promtool() {}

  /** The binary, or a skipped (or, on CI, failed) test. */
  static Path require() {
    Optional<Path> p = find();
    if (p.isEmpty()) {
      String msg = "promtool not found (set -Dpromtool=... or put it on the PATH; .ci/run installs it from Debian's"
          + " prometheus package)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg + "; CI=true, so this is a failure, not a skip");
      }
      Assumptions.assumeTrue(false, msg + ": skipped");
    }
    return p.get();
  }

  static Optional<Path> find() {
    String prop = System.getProperty("promtool");
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code promtool args...} in {@code dir}; the exit code and output. */
  static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(require().toString());
    cmd.addAll(List.of(args));
    Path out = dir.resolve("promtool.out");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    // A hang detector, not a timing assertion: promtool answers these files in seconds.
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, "promtool " + args[0] + " " + args[1] + " did not finish");
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** {@code promtool check rules FILE}, asserted to succeed. */
  static void checkRules(Path dir, String fileName, String yaml) throws IOException, InterruptedException {
    Files.writeString(dir.resolve(fileName), yaml, StandardCharsets.UTF_8);
    Run r = run(dir, "check", "rules", fileName);
    assertTrue(r.exit() == 0, () -> "promtool check rules refused " + fileName + ":\n" + r.output() + "\n" + yaml);
  }

  record Run(int exit, String output) {}
}
