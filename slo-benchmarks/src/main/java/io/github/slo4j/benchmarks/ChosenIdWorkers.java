package io.github.slo4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH worker pools whose threads have chosen ids, for the benchmarks that show how a striped
 * counter behaves when thread ids are not the consecutive ones JMH's own pool creates. A fork picks
 * one with {@code -Djmh.executor=CUSTOM -Djmh.executor.class=<class>} (JMH instantiates it with
 * {@code (int maxThreads, String prefix)}). A thread id is the next value of a JVM-wide counter
 * when the {@code Thread} is constructed, so a pool gets the ids it wants by constructing, and
 * dropping unstarted, the threads in between.
 */
abstract class ChosenIdWorkers extends ThreadPoolExecutor {
  ChosenIdWorkers(int threads, ThreadFactory factory) {
    super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), factory);
  }

  /**
   * A factory of daemon threads named {@code prefix-N} whose ids pass {@code wanted}; prints each
   * id so the fork's output shows what the run used.
   */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19
  static ThreadFactory factory(String prefix, java.util.function.LongPredicate wanted) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      synchronized (ChosenIdWorkers.class) {
        String name = prefix + "-" + n.getAndIncrement();
        while (true) {
          Thread t = new Thread(r, name);
          if (wanted.test(t.getId())) {
            t.setDaemon(true);
            System.out.println("# worker " + name + ": thread id " + t.getId());
            return t;
          }
        }
      }
    };
  }

  /**
   * Every thread's id has the same residue modulo 64, so under any power-of-two mask up to 64 all
   * threads start on one stripe: the collision pinned stripes suffered from for a thread's whole
   * life.
   */
  public static final class Colliding extends ChosenIdWorkers {
    private static long residue = -1;

    /** JMH's constructor. */
    public Colliding(int maxThreads, String prefix) {
      super(maxThreads, factory(prefix, Colliding::wanted));
    }

    private static boolean wanted(long id) {
      if (residue < 0) {
        residue = id & 63;
      }
      return (id & 63) == residue;
    }
  }

  /**
   * Ids with random gaps of 0 to 63 between consecutive threads, as in a service whose pools start
   * at different times: under a mask some threads share a stripe, some do not. The gaps come from a
   * fixed seed ({@code -Dslo4j.bench.seed}, default 1), so a run is repeatable.
   */
  public static final class Scattered extends ChosenIdWorkers {
    private static final SplittableRandom RANDOM =
        new SplittableRandom(Long.getLong("slo4j.bench.seed", 1L));
    private static long next = -1;

    /** JMH's constructor. */
    public Scattered(int maxThreads, String prefix) {
      super(maxThreads, factory(prefix, Scattered::wanted));
    }

    private static boolean wanted(long id) {
      if (next < 0 || id > next) {
        next = id + RANDOM.nextInt(64);
      }
      if (id == next) {
        next = -1;
        return true;
      }
      return false;
    }
  }
}
