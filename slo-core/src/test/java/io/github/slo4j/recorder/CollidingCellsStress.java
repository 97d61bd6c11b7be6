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
 * {@link Cells} with one stripe, so both writers meet there at nearly every add: the racy owner
 * word and probe (each writer finds the other's id, claims the stripe, "moves" to the same stripe)
 * must leave each event counted exactly once, with the ordering of {@link CellsStress}.
 *
 * <p>{@code writer} adds 1 to cell 0 then 1 to cell 1; {@code writerThenReader} adds 2 to cell 0,
 * then sums cell 1 ({@code r1}) and after it cell 0 ({@code r2}); the arbiter sums both once
 * everyone is done ({@code r3}, {@code r4}). The amounts differ so that a lost or doubled add of
 * either writer shows in the final sums.
 */
@JCStressTest
@Outcome(id = "0, 2, 3, 1", expect = ACCEPTABLE, desc = "the reader ran before both of the writer's adds")
@Outcome(id = "0, 3, 3, 1", expect = ACCEPTABLE, desc = "the reader saw the writer's first add only")
@Outcome(id = "1, 3, 3, 1", expect = ACCEPTABLE, desc = "the reader saw both adds")
@Outcome(id = "1, 2, 3, 1", expect = FORBIDDEN, desc = "saw the second add but not the first: reordered or torn")
@Outcome(expect = FORBIDDEN, desc = "an add lost or counted twice")
@State
public class CollidingCellsStress {
  private final Cells cells = new Cells(2, 1);

  @Actor
  public void writer() {
    cells.add(0, 1);
    cells.add(1, 1);
  }

  @Actor
  public void writerThenReader(IIII_Result r) {
    cells.add(0, 2);
    r.r1 = (int) cells.sum(1);
    r.r2 = (int) cells.sum(0);
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    r.r3 = (int) cells.sum(0);
    r.r4 = (int) cells.sum(1);
  }
}
