package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Sli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: saved periodically and atomically, restored at start-up, never a crash. */
class StateFileTest {
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final SloDefinition PLAIN =
      SloDefinition.builder("checkout-availability").service("checkout").objective(Objective.percent("99.9")).build();
  private static final SloDefinition GROUPED =
      SloDefinition.builder("search-availability").service("search").objective(Objective.percent("99")).build();

  @TempDir Path dir;

  private final ManualTimeSource clock = ManualTimeSource.startingAt(START);

  private SloRegistry registry() {
    SloRegistry r = SloRegistry.builder().timeSource(clock).manualTicks().build();
    r.register(PLAIN);
    r.registerGrouped(GROUPED, 10);
    return r;
  }

  /** An hour of traffic: the plain SLO 1 bad in 100, tenant-a 2 in 100, tenant-b none. */
  private void traffic(SloRegistry r, int ticks) {
    SloRecorder plain = r.find(PLAIN.id()).orElseThrow();
    GroupedSloRecorder grouped = r.findGrouped(GROUPED.id()).orElseThrow();
    for (int i = 0; i < ticks; i++) {
      plain.recordCounts(99, 100);
      grouped.group("tenant-a").recordCounts(98, 100);
      grouped.group("tenant-b").recordCounts(100, 100);
      clock.advance(TEN_S);
      r.tick();
    }
  }

  @Test
  void aRestartRestoresEverySloAndGroupFromTheFile() {
    SloRegistry before = registry();
    traffic(before, 360);
    Path file = dir.resolve("slo4j.state");
    StateFile saved = StateFile.builder(before, file).build();
    long size = saved.save();
    assertEquals(size, file.toFile().length());
    assertFalse(Files.exists(dir.resolve("slo4j.state.tmp")), "the temporary file was moved over the file");

    clock.advance(Duration.ofMinutes(2)); // the restart
    SloRegistry after = registry();
    StateFile.Restored r = StateFile.builder(after, file).build().restore();
    assertEquals(List.of("checkout-availability", "search-availability[tenant-a]", "search-availability[tenant-b]"), r.restored());
    assertEquals(List.of(), r.skipped());
    assertEquals(Optional.empty(), r.setAside());
    clock.advance(TEN_S);
    after.tick();
    assertEquals(36_000, after.find(PLAIN.id()).orElseThrow().window(Duration.ofHours(2)).total());
    assertEquals(360, after.find(PLAIN.id()).orElseThrow().window(Duration.ofHours(2)).bad());
    GroupedSloRecorder grouped = after.findGrouped(GROUPED.id()).orElseThrow();
    assertEquals(720, grouped.existing("tenant-a").orElseThrow().window(Duration.ofHours(2)).bad());
    assertEquals(36_000, grouped.existing("tenant-b").orElseThrow().window(Duration.ofHours(2)).total());
  }

  @Test
  void theFileIsSavedAtTheFirstTickOneIntervalAfterTheLastAndOnClose() throws IOException {
    SloRegistry r = registry();
    Path file = dir.resolve("slo4j.state");
    StateFile state = StateFile.builder(r, file).interval(Duration.ofMinutes(1)).build();
    state.start();
    traffic(r, 1);
    assertEquals(1, state.saves(), "the first tick saves");
    byte[] first = Files.readAllBytes(file);
    traffic(r, 5);
    assertEquals(1, state.saves(), "50 s later: not yet");
    assertArrayEquals(first, Files.readAllBytes(file));
    traffic(r, 1);
    assertEquals(2, state.saves(), "60 s after the last save");
    state.close();
    assertEquals(3, state.saves(), "close saves a last time");
    traffic(r, 12);
    assertEquals(3, state.saves(), "no save after close");
    assertEquals(0, state.saveFailures());
    assertEquals(
        "state file " + file + " is closed", assertThrows(IllegalStateException.class, state::start).getMessage());
  }

  @Test
  void aCorruptFileIsSetAsideAndTheApplicationStartsWithoutHistory() throws IOException {
    SloRegistry before = registry();
    traffic(before, 30);
    Path file = dir.resolve("slo4j.state");
    StateFile.builder(before, file).build().save();
    byte[] good = Files.readAllBytes(file);
    SplittableRandom random = new SplittableRandom(1130);
    for (int c = 0; c < 50; c++) {
      byte[] bad = good.clone();
      int at = random.nextInt(bad.length);
      bad[at] ^= (byte) (1 + random.nextInt(255));
      Files.write(file, bad);
      SloRegistry after = registry();
      StateFile.Restored r = StateFile.builder(after, file).build().restore();
      int flipped = at;
      assertTrue(r.setAside().isPresent(), () -> "byte " + flipped + " flipped: " + r);
      assertEquals(List.of(), r.restored(), "byte " + flipped);
      assertFalse(Files.exists(file), "moved aside");
      assertArrayEquals(bad, Files.readAllBytes(r.setAside().get()));
      Files.delete(r.setAside().get());
      assertEquals(0, after.find(PLAIN.id()).orElseThrow().window(Duration.ofHours(1)).total());
    }
  }

  @Test
  void aForeignTruncatedOrOversizedFileIsSetAsideWithTheReason() throws IOException {
    SloRegistry before = registry();
    traffic(before, 30);
    Path file = dir.resolve("slo4j.state");
    StateFile.builder(before, file).build().save();
    byte[] good = Files.readAllBytes(file);

    Files.writeString(file, "{\"not\": \"a state file\"}", StandardCharsets.UTF_8);
    StateFile.Restored foreign = StateFile.builder(registry(), file).build().restore();
    assertEquals(List.of("the file: not a slo4j state file"), foreign.skipped());
    assertEquals(dir.resolve("slo4j.state.corrupt-20260701T000500Z"), foreign.setAside().orElseThrow());

    Files.write(file, Arrays.copyOf(good, good.length - 100));
    StateFile.Restored truncated = StateFile.builder(registry(), file).build().restore();
    assertEquals(List.of("the file: damaged or truncated (checksum mismatch)"), truncated.skipped());
    assertEquals(dir.resolve("slo4j.state.corrupt-20260701T000500Z-1"), truncated.setAside().orElseThrow());

    Files.write(file, good);
    StateFile.Restored big = StateFile.builder(registry(), file).maxBytes(1024).build().restore();
    assertEquals(List.of("the file: it is " + good.length + " bytes, more than the bound of 1024"), big.skipped());
    assertTrue(big.setAside().isPresent());
  }

  @Test
  void aFileOfANewerVersionIsSetAside() throws IOException {
    SloRegistry before = registry();
    Path file = dir.resolve("slo4j.state");
    StateFile.builder(before, file).build().save();
    byte[] b = Files.readAllBytes(file);
    b[StateFile.MAGIC.length + 3] = 2; // version 2, checksum fixed
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b, 0, b.length - 8);
    java.nio.ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
    Files.write(file, b);
    assertEquals(
        List.of("the file: format version 2, this slo4j reads version 1"),
        StateFile.builder(registry(), file).build().restore().skipped());
  }

  @Test
  void aStateWhoseSloIsGoneOrChangedIsSkippedAndTheOthersRestored() {
    SloRegistry before = registry();
    traffic(before, 30);
    Path file = dir.resolve("slo4j.state");
    StateFile.builder(before, file).build().save();

    SloRegistry after = SloRegistry.builder().timeSource(clock).manualTicks().build();
    after.register( // latency thresholds change what is counted: another fingerprint
        SloDefinition.builder(PLAIN.id())
            .service("checkout")
            .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(300), Objective.percent("99"))))
            .build());
    StateFile.Restored r = StateFile.builder(after, file).build().restore();
    assertEquals(List.of(), r.restored());
    assertEquals(3, r.skipped().size(), r.skipped().toString());
    assertTrue(r.skipped().get(0).startsWith("checkout-availability: state: "), r.skipped().get(0));
    assertEquals("search-availability[tenant-a]: no such SLO registered", r.skipped().get(1));
    assertEquals(Optional.empty(), r.setAside(), "a good file with states that do not fit is kept");
  }

  @Test
  void restoringTheSameFileTwiceSkipsEveryStateTheSecondTime() {
    SloRegistry before = registry();
    traffic(before, 30);
    Path file = dir.resolve("slo4j.state");
    StateFile.builder(before, file).build().save();
    SloRegistry after = registry();
    StateFile state = StateFile.builder(after, file).build();
    assertEquals(3, state.restore().restored().size());
    StateFile.Restored again = state.restore();
    assertEquals(List.of(), again.restored());
    assertEquals(3, again.skipped().size());
    assertTrue(again.skipped().get(0).contains("restoring it again would count it twice"), again.skipped().get(0));
    assertEquals(3_000, after.find(PLAIN.id()).orElseThrow().window(Duration.ofHours(1)).total());
  }

  @Test
  void noFileMeansNoHistoryAndNoError() {
    StateFile.Restored r = StateFile.builder(registry(), dir.resolve("missing.state")).build().restore();
    assertEquals(new StateFile.Restored(List.of(), List.of(), Optional.empty()), r);
  }

  @Test
  void aSaveThatWouldPassTheBoundKeepsThePreviousFile() throws IOException {
    SloRegistry r = registry();
    traffic(r, 30);
    Path file = dir.resolve("slo4j.state");
    StateFile small = StateFile.builder(r, file).maxBytes(1024).build();
    Files.writeString(file, "previous", StandardCharsets.UTF_8);
    IllegalStateException e = assertThrows(IllegalStateException.class, small::save);
    assertTrue(e.getMessage().startsWith("the state of 3 recorders is "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" bytes, more than the bound of 1024"), e.getMessage());
    assertEquals("previous", Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(1, small.saveFailures());
  }

  @Test
  void aPeriodicSaveThatFailsIsCountedAndTheTickerGoesOn() throws IOException {
    SloRegistry r = registry();
    Path file = dir.resolve("no-such-dir").resolve("slo4j.state");
    StateFile state = StateFile.builder(r, file).interval(TEN_S).build();
    state.start();
    traffic(r, 3);
    assertEquals(3, state.saveFailures());
    assertEquals(0, r.listenerFailures(), "the failure is the state file's, handled");
    assertEquals(3, r.ticks());
    Files.createDirectories(file.getParent());
    traffic(r, 1);
    assertEquals(1, state.saves());
  }

  @Test
  void builderInputsAreChecked() {
    SloRegistry r = registry();
    StateFile.Builder b = StateFile.builder(r, dir.resolve("s"));
    assertEquals(
        "interval: 5s (expected >= the base interval (10s))",
        assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ofSeconds(5))).getMessage());
    assertEquals(
        "interval: 0s (expected a duration > 0)",
        assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ZERO)).getMessage());
    assertEquals(
        "maxBytes: 1023 (expected >= 1024)", assertThrows(IllegalArgumentException.class, () -> b.maxBytes(1023)).getMessage());
    assertEquals(
        "file: null (expected a value)", assertThrows(NullPointerException.class, () -> StateFile.builder(r, null)).getMessage());
  }
}
