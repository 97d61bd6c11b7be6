package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The store keeps the cumulative counts of all targets slot by slot in one ring: every target's
 * every window must still be its own naive sum, also after the ring wrapped many times.
 */
class IntervalStoreTargetsLayoutTest {
  @Test
  void everyTargetsWindowIsItsOwnNaiveSumAfterTheRingWraps() {
    SloDefinition slo = SloDefinition.builder("layout").service("layout")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(50), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(200), Objective.percent("99")),
            LatencyThreshold.of(Duration.ofMillis(800), Objective.percent("99.9"))))
        .period(CompliancePeriod.rolling(Duration.ofHours(1)))
        .build();
    Target[] targets = slo.targets().toArray(new Target[0]);
    int n = targets.length;
    long seed = 20261130;
    SplittableRandom random = new SplittableRandom(seed);
    IntervalStore store = new IntervalStore(slo, 0, Duration.ofMinutes(2));
    int intervals = 500; // the ring holds 32 slots: it wraps 15 times
    long[][] good = new long[n][intervals];
    long[][] total = new long[n][intervals];
    long[] g = new long[n];
    long[] tt = new long[n];
    long[] into = new long[4];
    for (int i = 0; i < intervals; i++) {
      for (int t = 0; t < n; t++) {
        tt[t] = random.nextInt(1_000);
        g[t] = tt[t] - random.nextInt((int) tt[t] + 1);
        good[t][i] = g[t];
        total[t][i] = tt[t];
      }
      store.append(g, tt);
      for (int t = 0; t < n; t++) {
        long windowMillis = 1 + random.nextLong(3_600_000);
        store.window(targets[t], windowMillis, into);
        int k = (int) Math.min(windowMillis / 120_000, i + 1);
        long sg = 0;
        long st = 0;
        for (int j = i + 1 - k; j <= i; j++) {
          sg += good[t][j];
          st += total[t][j];
        }
        String at = "seed " + seed + ", interval " + i + ", target " + t + ", window " + windowMillis + " ms";
        assertEquals(sg, into[0], at);
        assertEquals(st, into[1], at);
        assertEquals(k * 120_000L, into[2], at);
      }
    }
  }
}
