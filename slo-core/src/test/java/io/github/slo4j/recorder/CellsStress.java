package io.github.slo4j.recorder;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * {@link Cells} alone: two writers, one of which then sums while the other is still adding.
 *
 * <p>{@code writer} adds to cell 0 then to cell 1; {@code writerThenReader} adds to cell 0, then
 * sums cell 1 ({@code r1}) and after it cell 0 ({@code r2}); the arbiter sums both once everyone is
 * done ({@code r3}, {@code r4}). A sum sees its own thread's add; seeing the writer's second add
 * means seeing its first (the adds are ordered, the sums read with acquire); and the final sums are
 * exact. (Two actors only: jcstress cannot schedule three on this project's 2-CPU machines.)
 */
@JCStressTest
@Outcome(id = "0, 1, 2, 1", expect = ACCEPTABLE, desc = "the reader ran before both of the writer's adds")
@Outcome(id = "0, 2, 2, 1", expect = ACCEPTABLE, desc = "the reader saw the writer's first add only")
@Outcome(id = "1, 2, 2, 1", expect = ACCEPTABLE, desc = "the reader saw both adds")
@Outcome(id = "1, 1, 2, 1", expect = FORBIDDEN, desc = "saw the second add but not the first: reordered or torn")
@Outcome(expect = FORBIDDEN, desc = "an add lost or counted twice")
@State
public class CellsStress {
  private final Cells cells = new Cells(2, Cells.defaultStripes());

  @Actor
  public void writer() {
    cells.increment(0);
    cells.increment(1);
  }

  @Actor
  public void writerThenReader(IIII_Result r) {
    cells.increment(0);
    r.r1 = (int) cells.sum(1);
    r.r2 = (int) cells.sum(0);
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    r.r3 = (int) cells.sum(0);
    r.r4 = (int) cells.sum(1);
  }
}
