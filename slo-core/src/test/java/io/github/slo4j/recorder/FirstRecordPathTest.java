package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Start-up (issue 10): from JVM main to the first record, slo4j initialises no slf4j (the static
 * loggers of SloRegistry and the monitors made slf4j discover its providers, half of the 63 ms to
 * the first record) and bootstraps none of its own lambdas. Checked in a fresh JVM that logs the
 * classes it loads; nothing is timed.
 */
class FirstRecordPathTest {
  /** The fresh JVM's main: what an application does first. */
  public static void main(String[] args) {
    System.out.println("probe: start");
    SloRegistry registry = SloRegistry.builder().build();
    SloRecorder recorder =
        registry.register(
            SloDefinition.builder("checkout")
                .service("shop")
                .objective(Objective.percent("99.9"))
                .period(CompliancePeriod.rollingDays(30))
                .build());
    recorder.recordGood();
    System.out.println("probe: recorded");
    registry.close();
  }

  @Test
  void theFirstRecordResolvesNoLoggerAndBootstrapsNoLambda() throws Exception {
    String slf4j =
        Paths.get(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String classpath =
        String.join(File.pathSeparator, Paths.get("target", "classes").toAbsolutePath().toString(),
            Paths.get("target", "test-classes").toAbsolutePath().toString(), slf4j);
    Process p =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout",
                "-cp",
                classpath,
                FirstRecordPathTest.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
            .collect(Collectors.toList());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM hung");
    assertEquals(0, p.exitValue(), String.join("\n", lines));
    int start = lines.indexOf("probe: start");
    int end = lines.indexOf("probe: recorded");
    assertTrue(0 <= start && start < end, "probe markers missing:\n" + String.join("\n", lines));
    List<String> offending = new ArrayList<>();
    for (String line : lines.subList(start, end)) {
      if (line.contains(" org.slf4j.LoggerFactory ") || line.contains(" org.slf4j.helpers.")
          || (line.contains(" io.github.slo4j.") && line.contains("$$Lambda"))) {
        offending.add(line);
      }
    }
    assertEquals(List.of(), offending, "loaded between main and the first record");
    assertTrue(lines.subList(start, end).stream().anyMatch(l -> l.contains(" io.github.slo4j.recorder.Cells ")),
        "the class-load log covers the record path");
  }
}
