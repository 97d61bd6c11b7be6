package io.github.slo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Sneaky;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class CallbackGuardTest {
  private static final long BOUNDARY = 1_767_225_610_000L; // 2026-01-01T00:00:10Z
  private final List<Call> calls = new ArrayList<>();
  private final Callbacks guard = new Callbacks(recordingLogger(calls));

  /** One call on the logger: its level and arguments, the format string first. */
  record Call(String level, List<Object> args) {
    Throwable thrown() {
      return (Throwable) args.get(args.size() - 1);
    }
  }

  /** An slf4j logger that records error and debug calls; every level is enabled. */
  private static Logger recordingLogger(List<Call> into) {
    return (Logger)
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.startsWith("is") && name.endsWith("Enabled")) {
                return true;
              }
              if (name.equals("error") || name.equals("warn") || name.equals("info") || name.equals("debug")) {
                List<Object> flat = new ArrayList<>();
                for (Object a : args) {
                  if (a instanceof Object[]) {
                    flat.addAll(Arrays.asList((Object[]) a));
                  } else {
                    flat.add(a);
                  }
                }
                synchronized (into) {
                  into.add(new Call(name, flat));
                }
                return null;
              }
              if (name.equals("getName")) {
                return "recording";
              }
              if (name.equals("toString")) {
                return "recording logger";
              }
              throw new UnsupportedOperationException(name);
            });
  }

  private boolean runThrowing(Object callback, Throwable t) {
    return guard.run("SLO checkout", "tick listener", callback, BOUNDARY, () -> {
      throw t;
    });
  }

  private List<Call> at(String level) {
    return calls.stream().filter(c -> c.level().equals(level)).toList();
  }

  @Test
  void everyThrowableButAFatalVmErrorIsCaughtAndCounted() {
    Object listener = new Object();
    List<Throwable> thrown =
        List.of(
            new IllegalStateException("bug"),
            new AssertionError("assert"),
            new NoClassDefFoundError("Missing"),
            new IOException("checked, thrown sneakily"),
            new Exception("plain checked"));
    for (Throwable t : thrown) {
      assertFalse(runThrowing(listener, t), t.toString());
    }
    assertEquals(thrown.size(), guard.failures());
    assertTrue(guard.run("SLO checkout", "tick listener", listener, BOUNDARY, () -> {}));
    assertEquals(thrown.size(), guard.failures(), "a call that returns is not a failure");
  }

  @Test
  void aRealStackOverflowErrorIsSurvived() {
    assertFalse(guard.run("SLO checkout", "tick listener", "deep", BOUNDARY, () -> Sneaky.overflowTheStack(0)));
    assertEquals(1, guard.failures());
    assertTrue(at("error").get(0).thrown() instanceof StackOverflowError);
  }

  @Test
  void aSneakyCheckedExceptionIsCaught() {
    Runnable sneaky =
        () -> {
          throw Sneaky.sneak(new IOException("disk full"));
        };
    assertFalse(guard.run("SLO checkout", "tick listener", sneaky, BOUNDARY, sneaky::run));
    assertTrue(at("error").get(0).thrown() instanceof IOException);
  }

  @Test
  void anOutOfMemoryErrorPropagatesUncounted() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> runThrowing("l", oom)));
    InternalError internal = new InternalError("test");
    assertSame(internal, assertThrows(InternalError.class, () -> runThrowing("l", internal)));
    assertEquals(0, guard.failures());
    assertTrue(calls.isEmpty());
    assertTrue(Callbacks.isFatal(oom));
    assertFalse(Callbacks.isFatal(new StackOverflowError()));
  }

  @Test
  void aSneakyInterruptedExceptionLeavesTheThreadInterrupted() {
    assertFalse(runThrowing("l", new InterruptedException("closing")));
    assertTrue(Thread.interrupted(), "the interrupt flag was restored (and is cleared here)");
  }

  @Test
  void aRepeatedFailureIsLoggedOnceWithTheSloIdAndAnIsoTime() {
    Object listener = new Object() {
      @Override
      public String toString() {
        return "pager";
      }
    };
    for (int i = 0; i < 3; i++) {
      runThrowing(listener, new IllegalStateException("pager down " + i));
    }
    assertEquals(3, guard.failures());
    assertEquals(1, at("error").size());
    assertEquals(2, at("debug").size());
    Call first = at("error").get(0);
    assertEquals(
        List.of("tick listener", "pager", "SLO checkout", "java.lang.IllegalStateException", "2026-01-01T00:00:10Z",
            "1 tick listener failures so far"),
        first.args().subList(1, 7));
    assertEquals("pager down 0", first.thrown().getMessage());

    runThrowing(listener, new IllegalArgumentException("another kind"));
    runThrowing(new Object(), new IllegalStateException("another callback"));
    assertEquals(3, at("error").size(), "a new exception class or a new callback is logged once more");
  }

  @Test
  void aCallbackWhoseToStringThrowsIsStillLogged() {
    Object nasty = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("toString bug");
      }
    };
    assertFalse(runThrowing(nasty, new IllegalStateException("bug")));
    String named = (String) at("error").get(0).args().get(2);
    assertTrue(named.contains("@"), named);
  }

  @Test
  void theRememberedKeysAreBoundedButEveryFailureIsCounted() {
    int n = Callbacks.MAX_KEYS + 44;
    for (int i = 0; i < n; i++) {
      runThrowing(new Object(), new IllegalStateException());
    }
    assertEquals(n, guard.failures());
    assertEquals(Callbacks.MAX_KEYS, at("error").size());
    assertEquals(44, at("debug").size());
  }

  @Test
  void aFailureCountedElsewhereIsReportedButNotCounted() {
    guard.report("SLO checkout", "record filter", null, Long.MAX_VALUE, new IllegalStateException(), "3 since the last tick");
    assertEquals(0, guard.failures());
    assertEquals("+292278994-08-17T07:12:55.807Z", at("error").get(0).args().get(5));
    assertEquals("1969-12-31T23:59:50Z", Callbacks.iso(-10_000));
  }
}
