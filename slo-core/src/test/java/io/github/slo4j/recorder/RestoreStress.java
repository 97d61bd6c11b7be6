package io.github.slo4j.recorder;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.slo4j.WindowCounts;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * restore ∥ record and tick: a recorder with 2 bad events waiting in its cells; one actor records a
 * good event and closes a boundary while the other restores a state of 5 good events and reads the
 * hour ({@code r1}). The read sees the state alone (5) or everything (8): never the state without
 * the recorder's own closed interval or the other way round. After the arbiter's tick the hour holds
 * exactly 6 good of 8 ({@code r2} total, {@code r3} good): restore loses and doubles nothing.
 */
@JCStressTest
@Outcome(id = "5, 8, 6", expect = ACCEPTABLE, desc = "restored and read before the tick")
@Outcome(id = "8, 8, 6", expect = ACCEPTABLE, desc = "the tick before the read")
@Outcome(expect = FORBIDDEN, desc = "counts lost or doubled, or a read of half a restore")
@State
public class RestoreStress {
  /** 5 good events, closed at START + 10 s. */
  private static final byte[] STATE = state();

  private final Stressed s = new Stressed(Stressed.START.plus(Stressed.BASE));

  public RestoreStress() {
    Stressed.record(s.recorder, 0, 2);
  }

  private static byte[] state() {
    Stressed other = new Stressed(Stressed.START);
    Stressed.record(other.recorder, 5, 0);
    other.tick();
    return other.recorder.exportState();
  }

  @Actor
  public void recordAndTick() {
    s.recorder.recordGood();
    s.tick();
  }

  @Actor
  public void restoreAndRead(III_Result r) {
    s.recorder.restore(STATE);
    r.r1 = (int) s.recorder.window(Duration.ofHours(1)).total();
  }

  @Arbiter
  public void arbiter(III_Result r) {
    s.tick();
    WindowCounts w = s.recorder.window(Duration.ofHours(1));
    r.r2 = (int) w.total();
    r.r3 = (int) w.good();
  }
}
