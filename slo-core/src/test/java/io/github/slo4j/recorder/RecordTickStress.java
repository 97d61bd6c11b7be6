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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * record ∥ tick: one actor records a good then a bad event while the other closes a boundary and
 * reads the interval it closed ({@code r1} good, {@code r2} total). Each event lands in that
 * interval or the next, never both, never neither: after the arbiter closes the next boundary the
 * hour holds exactly one good of two ({@code r3}, {@code r4}).
 */
@JCStressTest
@Outcome(id = "0, 0, 1, 2", expect = ACCEPTABLE, desc = "the tick saw neither event: both in the next interval")
@Outcome(id = "1, 1, 1, 2", expect = ACCEPTABLE, desc = "the tick saw the good event only")
@Outcome(id = "1, 2, 1, 2", expect = ACCEPTABLE, desc = "the tick saw both")
@Outcome(
    id = "0, 1, 1, 2",
    expect = ACCEPTABLE,
    desc = "the tick summed the good cell before the good add and the bad cell after the bad add")
@Outcome(expect = FORBIDDEN, desc = "an event lost or counted twice")
@State
public class RecordTickStress {
  private final Stressed s = new Stressed(Stressed.START);

  @Actor
  public void recorder() {
    s.recorder.recordGood();
    s.recorder.recordBad();
  }

  @Actor
  public void ticker(IIII_Result r) {
    s.tick();
    WindowCounts w = s.recorder.window(Duration.ofSeconds(10));
    r.r1 = (int) w.good();
    r.r2 = (int) w.total();
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    s.tick();
    WindowCounts w = s.recorder.window(Duration.ofHours(1));
    r.r3 = (int) w.good();
    r.r4 = (int) w.total();
  }
}
