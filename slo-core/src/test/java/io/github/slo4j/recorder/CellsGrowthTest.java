package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Stripes on demand (issue 10): a new {@link Cells} holds one stripe, a thread alone never grows
 * it, two threads that meet grow it to every stripe once, and no add is lost or doubled by the
 * growth, whoever publishes it and whenever.
 */
class CellsGrowthTest {
  /** Ids far above any real thread's, so no slot of the shared hint table holds their tag. */
  private static final long IDS = 3L << 40;

  @Test
  void aNewCellsHoldsOneStripeAndOneThreadAloneNeverGrowsIt() {
    Cells cells = new Cells(2, 32);
    long oneStripe = cells.bytes();
    assertEquals(new Cells(2, 1).bytes(), oneStripe);
    for (int i = 0; i < 10_000; i++) {
      cells.addAs(IDS + 7, i & 1, 3);
    }
    assertFalse(cells.grown());
    assertEquals(oneStripe, cells.bytes());
    assertEquals(15_000, cells.sum(0));
    assertEquals(15_000, cells.sum(1));
  }

  @Test
  void twoThreadsThatMeetGrowTheStripesOnceAndKeepEveryCount() {
    Cells cells = new Cells(1, 8);
    long a = IDS + 101;
    long b = IDS + 202;
    int turns = 0;
    while (!cells.grown()) {
      assertTrue(turns < 10, "not grown after " + turns + " turns");
      cells.addAs(a, 0, 1);
      cells.addAs(b, 0, 1);
      turns++;
    }
    long grown = cells.bytes();
    assertEquals(new Cells(1, 1).bytes() + 16 + 8L * (16 + 8 * 16), grown, "the first stripe and one array of all 8");
    for (int i = 0; i < 1_000; i++) {
      cells.addAs(a, 0, 1);
      cells.addAs(b, 0, 1);
    }
    assertEquals(grown, cells.bytes(), "grown once");
    assertEquals(2L * (turns + 1_000), cells.sum(0));
  }

  /**
   * Random ids (some colliding under the mask) add random amounts to random cells in random turns,
   * with sums in between, before, during and after the growth: every sum is the model's.
   */
  @Test
  void sumsMatchAPlainModelAcrossTheGrowth() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int stripes = 1 << rnd.nextInt(6);
      int cellCount = 1 + rnd.nextInt(4);
      Cells cells = new Cells(cellCount, stripes);
      long[] model = new long[cellCount];
      long[] ids = new long[1 + rnd.nextInt(5)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = IDS + (seed << 12) + (rnd.nextBoolean() ? i * 64L : rnd.nextInt(1 << 10));
      }
      for (int step = 0; step < 2_000; step++) {
        int cell = rnd.nextInt(cellCount);
        long n = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 30) : rnd.nextInt(3);
        // runs by one id, then another: quiet stretches and alternation
        long id = ids[(step / (1 + (int) (seed % 7))) % ids.length];
        cells.addAs(id, cell, n);
        model[cell] += n;
        if (rnd.nextInt(10) == 0) {
          for (int c = 0; c < cellCount; c++) {
            assertEquals(model[c], cells.sum(c), "seed " + seed + ", step " + step + ", cell " + c + ", grown " + cells.grown());
          }
        }
      }
      long[] all = new long[cellCount];
      cells.sumAll(all);
      assertEquals(java.util.Arrays.toString(model), java.util.Arrays.toString(all), "seed " + seed);
    }
  }

  /**
   * Eight threads whose ids collide start together on a fresh {@code Cells} and race to grow it:
   * one array is published (the footprint is one full array) and every event is counted once.
   */
  @Test
  void threadsRacingToGrowPublishOneArrayAndCountEveryEventOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      Cells cells = new Cells(2, 4);
      int perThread = 20_000;
      CyclicBarrier start = new CyclicBarrier(8);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = StripeMovesTest.collidingThreads(8, i -> () -> {
        try {
          start.await();
          for (int k = 0; k < perThread; k++) {
            cells.add(i & 1, 1 + (k & 1));
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        workers.forEach(Thread::start);
        for (Thread t : workers) {
          t.join();
        }
      });
      assertEquals(null, failure.get());
      assertEquals(4L * perThread / 2 * 3, cells.sum(0), "round " + round);
      assertEquals(4L * perThread / 2 * 3, cells.sum(1), "round " + round);
      if (cells.grown()) {
        Cells fresh = new Cells(2, 4);
        fresh.grow();
        assertEquals(fresh.bytes(), cells.bytes(), "round " + round + ": one array of all stripes");
      }
    }
  }
}
