package io.github.slo4j.monitor;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.slo4j.Sneaky;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 8: alert and decision listeners sit behind the same guard as every other callback. */
class ListenerGuardTest {

  @Test
  void anAlertOrDecisionListenerThatThrowsAnythingStopsNeitherTheOthersNorTheEvaluation() {
    List<AlertTransition> heard = new ArrayList<>();
    List<PolicyDecision> decided = new ArrayList<>();
    AlertListener broken = t -> Sneaky.overflowTheStack(0);
    DecisionListener brokenDecisions =
        d -> { throw Sneaky.sneak(new IOException("ticketing system down, checked and sneaked")); };
    AlertListener erroring = t -> { throw new AssertionError("an Error"); };
    DecisionListener erroringDecisions = d -> { throw new NoClassDefFoundError("a LinkageError"); };
    // Seven clean days, then a full outage long enough to exhaust the 7-day budget (10m4.8s).
    Replay.Result r =
        Replay.of(Slos.week())
            .policy(
                BudgetPolicy.builder("p", "1")
                    .approvedBy("Dana", Instant.parse("2025-12-15T09:00:00Z"))
                    .freezeWhenExhausted()
                    .build())
            .listener(broken)
            .decisionListener(brokenDecisions)
            .listener(erroring)
            .decisionListener(erroringDecisions)
            .listener(heard::add)
            .decisionListener(decided::add)
            .traffic(Traffic.phases().steady(ofDays(7), 100, 0).steady(ofMinutes(12), 100, 1.0).build())
            .run();
    assertFalse(r.transitions().isEmpty());
    assertFalse(r.decisions().isEmpty());
    assertEquals(r.transitions(), heard);
    assertEquals(r.decisions(), decided);
    assertEquals(2L * (heard.size() + decided.size()), r.monitor().listenerFailures());
  }
}
