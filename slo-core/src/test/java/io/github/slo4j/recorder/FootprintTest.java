package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * What one recorder holds, measured with JOL: everything reachable from it except the SLO
 * definition it shares with the registry (the registry itself is not reachable from a recorder).
 *
 * <p>JOL runs without an agent here: object sizes come from the VM's object layout (header size,
 * field offsets, array base and element size, read through {@code Unsafe}), which is exact for
 * HotSpot: the figures are byte for byte those Instrumentation gives with {@code
 * -Djdk.attach.allowAttachSelf=true}, so no agent is needed.
 */
class FootprintTest {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final long LIMIT = 64 * 1024;

  static {
    // Unsafe refuses the field offsets of records (the SLO model has some); JOL then finds them by
    // probing instead. Must be set before JOL first looks at the VM.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private static SloDefinition latency(int days) {
    return SloDefinition.builder("checkout-latency-" + days + "d")
        .service("checkout")
        .sli(
            Sli.latency(
                LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(CompliancePeriod.rollingDays(days))
        .build();
  }

  private static SloDefinition events(int days) {
    return SloDefinition.builder("checkout-" + days + "d")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(days))
        .build();
  }

  /** Bytes reachable from the recorder and not from its definition. */
  static long recorderBytes(SloRecorder t) {
    return GraphLayout.parseInstance(t, t.definition()).totalSize()
        - GraphLayout.parseInstance(t.definition()).totalSize();
  }

  /** A month and a day of traffic, a few requests every 10 s, ticked at every boundary. */
  private static long afterAMonth(SloDefinition slo, StringBuilder report) {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(slo);
    long fresh = recorderBytes(recorder);
    Duration step = Duration.ofSeconds(10);
    long ticks = Duration.ofDays(31).dividedBy(step);
    for (long i = 0; i < ticks; i++) {
      recorder.recordLatency(Duration.ofMillis(40 + i % 900), i % 97 != 0);
      recorder.recordLatency(Duration.ofMillis(7), true);
      clock.advance(step);
      registry.tick();
    }
    long month = recorderBytes(recorder);
    assertTrue(fresh <= month, slo.id() + ": columns are stored once they hold data: " + fresh + " > " + month);
    report.append(String.format(
        "  %-24s %,7d bytes (%.1f KiB), fresh %,d bytes; exported state %,d bytes%n",
        slo.id(), month, month / 1024.0, fresh, recorder.exportState().length));
    return month;
  }

  @Test
  void aThirtyDaySloWithTwoLatencyThresholdsHoldsAtMost64KiB() {
    StringBuilder report = new StringBuilder();
    report.append("Recorder footprint after 31 days of traffic from one thread (JOL, one cell stripe; ")
        .append(Cells.defaultStripes())
        .append(" once two threads meet, on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs):\n");
    long latency30 = afterAMonth(latency(30), report);
    long events30 = afterAMonth(events(30), report);
    long latency90 = afterAMonth(latency(90), report);
    afterAMonth(events(90), report);
    // the latency recorder's cells as measured (one thread: never grown) replaced by cells grown to
    // every stripe of a large machine
    Cells ungrown = new Cells(4, Cells.defaultStripes());
    Cells widest = new Cells(4, Cells.MAX_STRIPES);
    widest.grow();
    long worst = latency30 + GraphLayout.parseInstance(widest).totalSize() - GraphLayout.parseInstance(ungrown).totalSize();
    report.append(String.format(
        "  checkout-latency-30d with %d stripes (16+ CPUs): %,d bytes (%.1f KiB)%n",
        Cells.MAX_STRIPES, worst, worst / 1024.0));
    System.out.print(report);

    assertTrue(latency30 <= LIMIT, "30-day latency SLO: " + latency30 + " bytes > 64 KiB");
    assertTrue(worst <= LIMIT, "30-day latency SLO on a large machine: " + worst + " bytes > 64 KiB");
    assertTrue(events30 < latency30, "fewer counters per row: " + events30);
    // measured 15,744 and 10,992 bytes with narrow ring columns (2 to 64 bits; 16 hold a coarse
    // tier's block of totals at this traffic) and one stripe (recorded from one thread) (issue 10:
    // events SLO <= 24 KiB)
    assertTrue(latency30 <= 16 * 1024, "30-day latency SLO: " + latency30 + " bytes > 16 KiB");
    assertTrue(events30 <= 11 * 1024 + 512, "30-day events SLO: " + events30 + " bytes > 11.5 KiB");
    assertTrue(latency90 > latency30, "the hourly tier grows with the period: " + latency90);
  }

  /** A group that serves one request an hour for a month and a day, ticked every 10 s. */
  static long quietGroupAfterAMonth(SloDefinition slo) {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(slo);
    oneRequestAnHourForAMonth(clock, registry, recorder);
    return recorderBytes(recorder);
  }

  /** 31 days of 10-s boundaries, each ticked, with one good event an hour into {@code recorder}. */
  private static void oneRequestAnHourForAMonth(ManualTimeSource clock, SloRegistry registry, SloRecorder recorder) {
    Duration step = Duration.ofSeconds(10);
    long ticks = Duration.ofDays(31).dividedBy(step);
    for (long i = 0; i < ticks; i++) {
      if (i % 360 == 0) {
        recorder.recordGood();
      }
      clock.advance(step);
      registry.tick();
    }
  }

  @Test
  void aQuietThirtyDaySloHoldsAtMost4AndAQuarterKiB() {
    long quiet = quietGroupAfterAMonth(events(30));
    System.out.printf("  quiet SLO (one request an hour), checkout-30d: %,d bytes (%.1f KiB)%n", quiet, quiet / 1024.0);
    // measured 4,208 bytes (5,272 before issue 10's quiet work): rings 1.1 KiB of packed 2-bit and
    // byte rows plus checkpoints, one stripe of cells, and the shape a lone recorder does not share
    assertTrue(quiet <= 4352, "quiet 30-day events SLO: " + quiet + " bytes > 4.25 KiB");
  }

  /**
   * The bytes a group holds of its own: reachable from it and not from another group of the same
   * definition (the definition and its shape, shared by all groups, are reachable from both).
   */
  static long ownBytes(SloRecorder group, SloRecorder other) {
    return GraphLayout.parseInstance(group, other, group.definition()).totalSize()
        - GraphLayout.parseInstance(other, group.definition()).totalSize();
  }

  @Test
  void aQuietGroupOfAGroupedThirtyDaySloHoldsAtMost4KiB() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    GroupedSloRecorder grouped = registry.registerGrouped(events(30), 10);
    SloRecorder quiet = grouped.group("tenant-00000");
    oneRequestAnHourForAMonth(clock, registry, quiet);
    SloRecorder other = grouped.group("tenant-00001");
    long own = ownBytes(quiet, other);
    long shared = GraphLayout.parseInstance(quiet.shape(), quiet.definition()).totalSize()
        - GraphLayout.parseInstance(quiet.definition()).totalSize();
    System.out.printf("  quiet group (one request an hour), checkout-30d: %,d bytes of its own (%.2f KiB), "
        + "%,d bytes shared by all groups%n", own, own / 1024.0, shared);
    assertTrue(shared > 0 && other.shape() == quiet.shape(), "the groups share one shape");
    // measured 3,728 bytes (issue 10's target: 4 KiB), 16 of them the run of equal rows before the
    // last change, which lets the ticker skip a group that saw one request for most of the next hour
    assertTrue(own <= 3840, "quiet 30-day events group: " + own + " bytes > 3.75 KiB");
  }

  /**
   * Bytes per group (what all groups share included, as the benchmarks' Footprint counts) of {@code n}
   * quiet groups of a grouped 30-day events SLO that each saw one request, ticked through a 31-day
   * jump (every ring full of gaps) and {@code boundaries} 10-s boundaries, one more request each at
   * the 30th.
   */
  private static long perGroupAfterAMonthsGap(int n, int boundaries) {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    GroupedSloRecorder grouped = registry.registerGrouped(events(30), n);
    for (int i = 0; i < n; i++) {
      grouped.group(String.format(java.util.Locale.ROOT, "tenant-%05d", i)).recordGood();
    }
    clock.advance(Duration.ofDays(31));
    registry.tick();
    for (int s = 0; s < boundaries; s++) {
      if (s == 30) {
        grouped.groups().values().forEach(SloRecorder::recordGood);
      }
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    long all = GraphLayout.parseInstance(grouped.groups(), grouped.definition()).totalSize()
        - GraphLayout.parseInstance(grouped.definition()).totalSize();
    registry.close();
    return all / n;
  }

  @Test
  void quietGroupsAfterAMonthsGapHoldAtMost4KiBAGroup() {
    long perGroup = perGroupAfterAMonthsGap(1_000, 60);
    long aDayLater = perGroupAfterAMonthsGap(10, 8_640);
    System.out.printf("  quiet groups after a 31-day gap, checkout-30d: %,d bytes a group of 1,000 (%.2f KiB); "
        + "%,d a group of 10 a day later%n", perGroup, perGroup / 1024.0, aDayLater);
    // issue 10: 10,000 quiet groups <= 64 MiB, 6,710 bytes a group
    assertTrue(perGroup <= 6_710, "quiet group after a gap: " + perGroup + " bytes > 6,710");
    // measured 4,088 bytes (7,024 when the gap columns held plain deltas, 16 bits a row in the 2-min
    // and hourly tiers): the gap columns follow their ramps and store no bits a row
    assertTrue(perGroup <= 4_160, "quiet group after a gap: " + perGroup + " bytes > 4,160");
    // a day later (measured 4,163 bytes, the shared part spread over 10 groups): the gap runs' blocks
    // end in quiet rows, which follow the ramps too (plain deltas needed 16 bits for them), so the
    // group has not grown
    assertTrue(aDayLater <= 4_200, "quiet group a day after a gap: " + aDayLater + " bytes > 4,200");
  }
}
