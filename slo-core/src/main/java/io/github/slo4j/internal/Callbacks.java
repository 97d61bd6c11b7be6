package io.github.slo4j.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The one guard around user code that slo4j calls: tick listeners, alert and decision listeners,
 * record filters. Thread-safe.
 *
 * <p><b>What is caught.</b> Every {@link Throwable}, checked exceptions thrown sneakily included,
 * except the {@link VirtualMachineError}s that leave the JVM in a state no caller can repair: {@link
 * OutOfMemoryError}, {@link InternalError} and {@link UnknownError} propagate (swallowing an
 * {@code OutOfMemoryError} would hide the one failure an operator must see, and the next allocation
 * would likely fail anyway). {@link StackOverflowError} is caught: it is a bug in the callback
 * (runaway recursion), the stack has unwound by the time it reaches the guard, and the thread is fit
 * to go on. A callback that throws {@link InterruptedException} was interrupted: the guard restores
 * the thread's interrupt flag so that whoever interrupted it (a {@code close()}) is heard.
 *
 * <p><b>What is logged.</b> A failure is counted ({@link #failures()}) and logged at ERROR with its
 * stack trace, the SLO (or SLOs) it concerns and the boundary as an ISO-8601 instant, once per
 * (callback, kind, exception class): a listener that fails at every tick logs once, then DEBUG. At
 * most {@value #MAX_KEYS} such keys are remembered; beyond that failures are counted and logged at
 * DEBUG only, so a stream of new lambdas cannot grow memory.
 *
 * <p>Not part of the public API.
 */
public final class Callbacks {
  /** The most (callback, kind, exception class) keys remembered as already logged. */
  static final int MAX_KEYS = 256;

  private final Logger log;
  private final AtomicLong failures = new AtomicLong();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /** A guard that logs to {@code log}. */
  public Callbacks(Logger log) {
    this.log = Require.nonNull("log", log);
  }

  /** A call into user code, which may throw anything. */
  @FunctionalInterface
  public interface Call {
    /** Runs the user code. */
    void run() throws Throwable;
  }

  /**
   * Runs {@code call}; when it throws, counts, logs and returns false (see the class comment).
   *
   * @param subject what the callback is about, for the log: {@code "SLO checkout"}
   * @param kind what the callback is: {@code "tick listener"}
   * @param callback the user's object, named in the log
   * @param boundaryMillis the boundary being delivered, logged as an ISO-8601 instant
   * @throws VirtualMachineError other than {@link StackOverflowError}, as thrown by {@code call}
   */
  public boolean run(String subject, String kind, Object callback, long boundaryMillis, Call call) {
    try {
      call.run();
      return true;
    } catch (Throwable t) {
      failed(subject, kind, callback, boundaryMillis, t);
      return false;
    }
  }

  /**
   * Counts and logs a failure caught by the caller (see the class comment).
   *
   * @throws VirtualMachineError {@code t} itself when it must propagate
   */
  public void failed(String subject, String kind, Object callback, long boundaryMillis, Throwable t) {
    rethrowIfFatal(t);
    long n = failures.incrementAndGet();
    report(subject, kind, callback, boundaryMillis, t, n + " " + kind + " failures so far");
  }

  /**
   * Logs a failure counted elsewhere (a filter's, counted on the request thread), once per
   * (callback, kind, exception class) like {@link #failed}.
   *
   * @param count what the log says about how many failures there were
   */
  public void report(String subject, String kind, Object callback, long boundaryMillis, Throwable t, String count) {
    String key = kind + '|' + identity(callback) + '|' + t.getClass().getName();
    boolean first = !logged.contains(key) && logged.size() < MAX_KEYS && logged.add(key);
    if (!first && !log.isDebugEnabled()) {
      return;
    }
    Object[] args = {kind, describe(callback), subject, t.getClass().getName(), iso(boundaryMillis), count, t};
    String what = "slo4j: {} {} of {} threw {} at boundary {} ({})";
    if (first) {
      log.error(what + "; it is counted, later failures of this kind are logged at DEBUG only, and the ticker goes on", args);
    } else {
      log.debug(what, args);
    }
  }

  /** How many failures {@link #run} and {@link #failed} counted. */
  public long failures() {
    return failures.get();
  }

  /** Whether {@code t} must propagate out of the guard: see the class comment. */
  public static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
  }

  /**
   * Throws {@code t} when it {@linkplain #isFatal(Throwable) must propagate}; otherwise returns,
   * having restored the interrupt flag when {@code t} is an {@link InterruptedException}. Allocates
   * nothing: the record path's filters use it.
   */
  public static void rethrowIfFatal(Throwable t) {
    if (isFatal(t)) {
      throw (VirtualMachineError) t;
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code 2026-01-01T00:00:10Z}; every long is a valid instant in epoch milliseconds. */
  public static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static String identity(Object callback) {
    return callback == null
        ? "-"
        : callback.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(callback));
  }

  /** The callback's {@code toString()}, which is user code too: its failure is not ours to throw. */
  private static String describe(Object callback) {
    if (callback == null) {
      return "(unnamed)";
    }
    try {
      return String.valueOf(callback);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return identity(callback);
    }
  }
}
