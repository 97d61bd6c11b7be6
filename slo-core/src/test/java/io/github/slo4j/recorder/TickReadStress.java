package io.github.slo4j.recorder;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.slo4j.WindowCounts;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * tick ∥ read: the rings hold 8 hours (3 good events in the newest interval) and 2 bad events wait
 * in the cells; one actor closes the next boundary while the other reads the last 10 s (served by
 * the base tier: {@code r1} good, {@code r2} total) and then 6 h (served by the 2-minute tier:
 * {@code r3}, {@code r4}). Each read is wholly before or wholly after the tick: a read that mixes
 * the new current row with the old rows (10 s showing 3 of 5, or 0 of 0) is torn.
 */
@JCStressTest
@Outcome(id = "3, 3, 3, 3", expect = ACCEPTABLE, desc = "both reads before the tick")
@Outcome(id = "3, 3, 3, 5", expect = ACCEPTABLE, desc = "the tick between the two reads")
@Outcome(id = "0, 2, 3, 5", expect = ACCEPTABLE, desc = "both reads after the tick")
@Outcome(id = "0, 2, 3, 3", expect = FORBIDDEN, desc = "the second read went back in time")
@Outcome(expect = FORBIDDEN, desc = "a torn read: rows of one boundary, current of another")
@State
public class TickReadStress {
  private final Stressed s = new Stressed(Stressed.START);

  public TickReadStress() {
    Stressed.record(s.recorder, 3, 0);
    s.jump(Duration.ofHours(8));
    Stressed.record(s.recorder, 0, 2);
  }

  @Actor
  public void ticker() {
    s.tick();
  }

  @Actor
  public void reader(IIII_Result r) {
    WindowCounts last = s.recorder.window(Duration.ofSeconds(10));
    WindowCounts hours = s.recorder.window(Duration.ofHours(6));
    r.r1 = (int) last.good();
    r.r2 = (int) last.total();
    r.r3 = (int) hours.good();
    r.r4 = (int) hours.total();
  }
}
