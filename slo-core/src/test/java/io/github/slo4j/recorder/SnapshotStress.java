package io.github.slo4j.recorder;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.slo4j.Target;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * tick ∥ snapshot: as in {@link TickReadStress}, one actor closes a boundary that brings 2 bad
 * events to 3 good ones, while the other fills a {@link SnapshotBuffer} (5m, 30m, 1h, 2h, 6h, 1d).
 * Results: the total of the first window (5 m), of the last (1 d), and the number of windows whose
 * good count exceeds its total or whose total is not 3 or 5 (must be 0: no window is torn).
 */
@JCStressTest
@Outcome(id = "3, 3, 0", expect = ACCEPTABLE, desc = "the snapshot before the tick")
@Outcome(id = "5, 5, 0", expect = ACCEPTABLE, desc = "the snapshot after the tick")
@Outcome(
    expect = FORBIDDEN,
    desc = "a torn window, or windows of one snapshot as of two boundaries (the tick fell between them)")
@State
public class SnapshotStress {
  private final Stressed s = new Stressed(Stressed.START);
  private final SnapshotBuffer buffer = s.recorder.newSnapshotBuffer();
  private final Target target = s.recorder.definition().targets().get(0);

  public SnapshotStress() {
    Stressed.record(s.recorder, 3, 0);
    s.jump(Duration.ofHours(8));
    Stressed.record(s.recorder, 0, 2);
  }

  @Actor
  public void ticker() {
    s.tick();
  }

  @Actor
  public void reader(III_Result r) {
    s.recorder.snapshot(buffer);
    int windows = buffer.windows().size();
    int bad = 0;
    for (int w = 0; w < windows; w++) {
      long total = buffer.total(target, w);
      if (buffer.good(target, w) != 3 || (total != 3 && total != 5)) {
        bad++;
      }
    }
    r.r1 = (int) buffer.total(target, 0);
    r.r2 = (int) buffer.total(target, windows - 1);
    r.r3 = bad;
  }
}
