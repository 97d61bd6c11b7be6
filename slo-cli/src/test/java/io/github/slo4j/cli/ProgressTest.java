package io.github.slo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The replay's progress bar: silent for the first second, then one update per percent. */
class ProgressTest {
  @Test
  void silentWithinTheFirstSecondThenOneUpdatePerPercentAndAFinalNewline() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AtomicLong now = new AtomicLong(0);
    Simulation.Progress p = new Simulation.Progress(err, 4096, now::get);
    p.step(1024);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    now.set(1_000_000_000L);
    p.step(2048);
    p.step(2048);
    p.done();
    assertEquals("\rreplaying [############             ] 50%\rreplaying [#########################] 100%\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aQuickReplayPrintsNothingAtAll() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Simulation.Progress p = new Simulation.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4096, () -> 0L);
    p.step(4096);
    p.done();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }
}
