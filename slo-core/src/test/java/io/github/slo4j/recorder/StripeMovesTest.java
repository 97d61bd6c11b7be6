package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Stripes that adapt (issue 10): a thread whose stripe is busy moves to another one, and however
 * the threads move, each event is counted exactly once.
 */
class StripeMovesTest {
  private static final int STRIPES = 4;

  /**
   * Two threads whose ids share a stripe under the mask used to contend on one counter for their
   * whole life. Now they meet contention, move, and end on different stripes; the counts stay
   * exact. (A hang here, caught by the timeout, is the old behaviour: the loop waits for the
   * threads to part, which pinned stripes never do.)
   */
  @Test
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19
  void collidingThreadsMoveToDifferentStripes() throws Exception {
    Cells cells = new Cells(1, STRIPES);
    AtomicIntegerArray stripes = new AtomicIntegerArray(2);
    long[] adds = new long[2];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CyclicBarrier round = new CyclicBarrier(2);
    int[] parted = {0};
    List<Thread> workers = collidingThreads(2, i -> () -> {
      try {
        long tid = Thread.currentThread().getId();
        // rounds of adds side by side until, at a round's end, the two are on different stripes
        while (true) {
          for (int k = 0; k < 100_000; k++) {
            cells.increment(0);
            adds[i]++;
          }
          stripes.set(i, cells.stripeOf(tid));
          round.await();
          boolean apart = stripes.get(0) != stripes.get(1);
          round.await();
          if (apart) {
            if (i == 0) {
              parted[0] = 1;
            }
            return;
          }
        }
      } catch (Throwable t) {
        failure.set(t);
        round.reset();
      }
    });
    assertEquals(cells.stripeOf(workers.get(0).getId()), cells.stripeOf(workers.get(1).getId()),
        "the ids were chosen to collide");
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      workers.forEach(Thread::start);
      for (Thread t : workers) {
        t.join();
      }
    }, "the colliding threads never moved apart (stripes " + stripes + ")");
    assertEquals(null, failure.get());
    assertEquals(1, parted[0]);
    assertNotEquals(stripes.get(0), stripes.get(1));
    assertEquals(adds[0] + adds[1], cells.sum(0), "the two threads' adds");
  }

  /**
   * Colliding threads that add to different counters of their stripe (one records good events,
   * the other bad) never race on a word, yet bounce the stripe's line: they too must part.
   */
  @Test
  @SuppressWarnings("deprecation")
  void collidingThreadsAddingToDifferentCellsAlsoMoveApart() throws Exception {
    Cells cells = new Cells(2, STRIPES);
    AtomicIntegerArray stripes = new AtomicIntegerArray(2);
    long[] adds = new long[2];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CyclicBarrier round = new CyclicBarrier(2);
    List<Thread> workers = collidingThreads(2, i -> () -> {
      try {
        long tid = Thread.currentThread().getId();
        while (true) {
          for (int k = 0; k < 100_000; k++) {
            cells.increment(i);
            adds[i]++;
          }
          stripes.set(i, cells.stripeOf(tid));
          round.await();
          boolean apart = stripes.get(0) != stripes.get(1);
          round.await();
          if (apart) {
            return;
          }
        }
      } catch (Throwable t) {
        failure.set(t);
        round.reset();
      }
    });
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      workers.forEach(Thread::start);
      for (Thread t : workers) {
        t.join();
      }
    }, "the colliding threads never moved apart (stripes " + stripes + ")");
    assertEquals(null, failure.get());
    assertNotEquals(stripes.get(0), stripes.get(1));
    assertEquals(adds[0], cells.sum(0), "thread 0's adds");
    assertEquals(adds[1], cells.sum(1), "thread 1's adds");
  }

  /**
   * Two ids that collide, adding in turns on one thread (as two threads time-sliced on one CPU
   * would): each finds the other's id in the owner word, and within a few turns they part.
   */
  @Test
  void twoIdsTakingTurnsOnOneStripePartWithinAFewTurns() {
    Cells cells = new Cells(1, STRIPES);
    long a = (1L << 41) + 5;
    long b = a + 64;
    assertEquals(cells.stripeOf(a), cells.stripeOf(b));
    int turns = 0;
    while (cells.stripeOf(a) == cells.stripeOf(b)) {
      assertTrue(turns < 100, "still together after " + turns + " turns");
      cells.addAs(a, 0, 1);
      cells.addAs(b, 0, 1);
      turns++;
    }
    // then they stay apart: alone on its stripe, neither moves again
    int sa = cells.stripeOf(a);
    int sb = cells.stripeOf(b);
    for (int k = 0; k < 1_000; k++) {
      cells.addAs(a, 0, 1);
      cells.addAs(b, 0, 1);
    }
    assertEquals(sa, cells.stripeOf(a));
    assertEquals(sb, cells.stripeOf(b));
    assertEquals(2L * (turns + 1_000), cells.sum(0));
  }

  /** Eight threads, all forced onto one stripe, each adding a known amount: nothing lost or doubled. */
  @Test
  void eightCollidingThreadsCountEveryEventExactlyOnce() throws Exception {
    Cells cells = new Cells(1, STRIPES);
    int perThread = 300_000;
    List<Thread> workers = collidingThreads(8, i -> () -> {
      for (int k = 0; k < perThread; k++) {
        cells.add(0, 1 + (k & 1));
      }
    });
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      workers.forEach(Thread::start);
      for (Thread t : workers) {
        t.join();
      }
    });
    assertEquals(8L * perThread / 2 * 3, cells.sum(0));
  }

  /**
   * With one stripe the threads meet at almost every add and keep claiming the owner word and
   * moving (to the same stripe): the slow path, taken over and over, still counts each event once.
   */
  @Test
  void oneStripeUnderContentionCountsEveryEventExactlyOnce() throws Exception {
    Cells cells = new Cells(1, 1);
    int perThread = 300_000;
    List<Thread> workers = collidingThreads(4, i -> () -> {
      for (int k = 0; k < perThread; k++) {
        cells.increment(0);
      }
    });
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      workers.forEach(Thread::start);
      for (Thread t : workers) {
        t.join();
      }
    });
    assertEquals(4L * perThread, cells.sum(0));
  }

  /**
   * Until it meets contention a thread stays on its home stripe: consecutive ids stay apart (once
   * the stripes have grown; before, there is only one).
   */
  @Test
  void aThreadThatNeverMetContentionStaysOnItsHomeStripe() {
    Cells cells = new Cells(1, 32);
    cells.grow();
    // ids far above any real thread's, so no slot holds their tag
    long base = 1L << 40;
    Set<Integer> seen = new HashSet<>();
    for (long tid = base; tid < base + 32; tid++) {
      assertEquals((int) tid & 31, cells.stripeOf(tid), "id " + tid);
      cells.addAs(tid, 0, 1);
      seen.add(cells.stripeOf(tid));
    }
    assertEquals(32, seen.size());
    assertEquals(32, cells.sum(0));
  }

  /** The probe's step never sticks: from any start it visits every stripe of 32 within a few steps. */
  @Test
  void theProbeStepReachesEveryStripe() {
    SplittableRandom random = new SplittableRandom(20261130L);
    for (int c = 0; c < 1_000; c++) {
      int start = c < 2 ? c : random.nextInt();
      int p = start;
      Set<Integer> visited = new HashSet<>();
      for (int step = 0; step < 1_000 && visited.size() < 32; step++) {
        p = Cells.advance(p);
        assertNotEquals(0, p, "case " + c + ", start " + start);
        visited.add(p & 31);
      }
      assertEquals(32, visited.size(), "case " + c + ", start " + start);
    }
  }

  /**
   * {@code n} unstarted threads whose ids are equal modulo 64 (so they share a stripe under any
   * mask up to 64 stripes), each running {@code body.apply(i)}; the ids in between are used by
   * threads created and dropped.
   */
  @SuppressWarnings("deprecation")
  static List<Thread> collidingThreads(int n, java.util.function.IntFunction<Runnable> body) {
    List<Thread> threads = new ArrayList<>();
    long residue = -1;
    int i = 0;
    while (threads.size() < n) {
      int index = i;
      Thread t = new Thread(body.apply(index), "colliding-" + index);
      if (residue < 0) {
        residue = t.getId() & 63;
      }
      if ((t.getId() & 63) == residue) {
        t.setDaemon(true);
        threads.add(t);
        i++;
      }
    }
    return threads;
  }
}
