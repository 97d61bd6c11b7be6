package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 9: a monitor's settings are made for an SLO first, and built over a reader of that SLO. */
class MonitorBuilderTest {
  @Test
  void aReaderOfAnotherSloIsRefused() {
    IntervalStore week = new IntervalStore(Slos.week(), 0, Duration.ofSeconds(10));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SloMonitor.builder(Slos.workbook()).build(week));
    assertEquals(
        "reader: a reader of SLO search-availability (expected a reader of SLO checkout-availability)", e.getMessage());
  }

  @Test
  void theRulesAreTheDefaultsUntilSet() {
    SloMonitor.Builder b = SloMonitor.builder(Slos.workbook());
    assertEquals(AlertRules.defaults(Slos.workbook()).tiers(Slos.workbook().targets().get(0)),
        b.rules().tiers(Slos.workbook().targets().get(0)));
    AlertRules minute = AlertRules.builder(Slos.workbook()).evaluationInterval(Duration.ofMinutes(1)).build();
    assertEquals(Duration.ofMinutes(1), b.rules(minute).rules().evaluationInterval());
  }

  @Test
  void oneBuilderBuildsAMonitorPerReaderWithTheSameSettings() {
    AlertRules rules = AlertRules.defaults(Slos.workbook());
    SloMonitor.Builder b = SloMonitor.builder(Slos.workbook()).rules(rules);
    SloMonitor first = b.build(new IntervalStore(Slos.workbook(), 0, Duration.ofSeconds(10)));
    SloMonitor second = b.build(new IntervalStore(Slos.workbook(), 0, Duration.ofSeconds(10)));
    assertSame(rules, first.rules());
    assertSame(rules, second.rules());
    assertNotSame(first.changes(), second.changes(), "each monitor has a change log of its own by default");
  }

  @Test
  void aNullReaderIsANullPointerExceptionNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> SloMonitor.builder(Slos.workbook()).build(null));
    assertEquals("reader: null (expected a value)", e.getMessage());
  }
}
