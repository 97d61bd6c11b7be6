package io.github.slo4j.recorder;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;

/**
 * Runs the jcstress tests and exits non-zero unless tests ran and all passed, so that a FORBIDDEN
 * outcome fails the build. Called by {@code exec-maven-plugin} in the {@code integration-test}
 * phase with jcstress's command-line options.
 *
 * <p>jcstress 0.16 fails by itself when a test fails ({@code JCStress.run()} throws an {@code
 * AssertionError} listing the failures, so the JVM exits with 1), but exits with 0 when no test
 * matched: which is what a filter typo, or a compiler configuration that stops jcstress's
 * annotation processor from generating the test list, would look like. This reads the result file
 * back, grades every result once more and refuses an empty run.
 */
public final class JcstressGate {
  private JcstressGate() {}

  /** Runs jcstress with {@code args}, then exits 1 if any test failed or errored or none ran. */
  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    if (!options.parse()) {
      System.exit(2);
    }
    new JCStress(options).run();
    List<String> failures = new ArrayList<>();
    int[] results = {0};
    File file = new File(options.getResultFile());
    if (!file.exists()) {
      System.out.println("jcstress gate: FAILED, no test ran (no result file " + file + ")");
      System.exit(1);
    }
    DiskReadCollector reader =
        new DiskReadCollector(
            file.getPath(),
            (TestResult r) -> {
              results[0]++;
              if (r.status() != Status.NORMAL) {
                failures.add(r.getName() + " " + r.getConfig() + ": " + r.status() + " " + r.getMessages());
              } else if (!r.grading().isPassed) {
                failures.add(r.getName() + " " + r.getConfig() + ": " + r.grading().failureMessages);
              }
            });
    try {
      reader.dump();
    } finally {
      reader.close();
    }
    if (!file.delete()) {
      System.out.println("jcstress gate: could not delete " + file);
    }
    if (results[0] == 0) {
      System.out.println("jcstress gate: FAILED, no test ran");
      System.exit(1);
    }
    if (!failures.isEmpty()) {
      System.out.println("jcstress gate: FAILED, " + failures.size() + " of " + results[0] + " results:");
      failures.forEach(f -> System.out.println("  " + f));
      System.exit(1);
    }
    System.out.println("jcstress gate: " + results[0] + " passed, 0 failed");
    System.exit(0);
  }
}
