package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: an alert and a policy decision of a grouped SLO say which group they come from, in
 * {@code groupKey()}, in their id and in their text; those of a plain SLO say no group.
 */
class GroupedAlertOriginTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final ManualTimeSource clock = ManualTimeSource.startingAt(Slos.START);
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(MINUTE).build();
  private final List<AlertTransition> heard = new ArrayList<>();
  private final List<PolicyDecision> decided = new ArrayList<>();

  private RegistryMonitor attach() {
    return RegistryMonitor.builder()
        .policy(
            slo ->
                Optional.of(
                    BudgetPolicy.builder("p", "1")
                        .approvedBy("Dana", Instant.parse("2025-12-15T09:00:00Z"))
                        .freezeWhenExhausted()
                        .build()))
        .listener(heard::add)
        .decisionListener(decided::add)
        .attach(registry);
  }

  /** A clean day, then a full outage longer than the 7-day budget (10m4.8s): pages and freezes. */
  private void outage(SloRecorder failing, SloRecorder healthy) {
    for (int i = 0; i < 24 * 60 + 20; i++) {
      failing.recordCounts(i < 24 * 60 ? 6000 : 0, 6000);
      if (healthy != null) {
        healthy.recordCounts(6000, 6000);
      }
      clock.advance(MINUTE);
      registry.tick();
    }
  }

  @Test
  void anAlertAndADecisionOfAGroupSayWhichGroupTheyComeFrom() {
    SloDefinition slo = Slos.week();
    GroupedSloRecorder grouped = registry.registerGrouped(slo, 10);
    attach();
    outage(grouped.group("tenant-a"), grouped.group("tenant-b"));

    AlertTransition page = heard.stream().filter(AlertTransition::notifies).findFirst().orElseThrow();
    Alert alert = page.alert();
    assertEquals(Optional.of("tenant-a"), alert.groupKey());
    assertEquals(slo.targets().get(0), alert.target(), "the target itself, not its name");
    assertTrue(
        alert.summary().contains("] search/search-availability[tenant-a] events: burn "), alert.summary());
    assertTrue(alert.id().startsWith("search-availability[tenant-a]/events "), alert.id());
    assertTrue(
        heard.stream().allMatch(t -> t.alert().groupKey().equals(Optional.of("tenant-a"))),
        "tenant-b is healthy: " + heard);

    PolicyDecision freeze = decided.get(0);
    assertEquals(PolicyDecision.Kind.FREEZE, freeze.kind());
    assertEquals(Optional.of("tenant-a"), freeze.groupKey());
    assertEquals(slo.targets().get(0), freeze.target());
    assertTrue(freeze.toString().contains(" (p 1 freeze) search-availability[tenant-a]/events: "), freeze.toString());
  }

  @Test
  void anAlertAndADecisionOfAPlainSloSayNoGroup() {
    SloDefinition slo = Slos.week();
    attach();
    outage(registry.register(slo), null);

    Alert alert = heard.stream().filter(AlertTransition::notifies).findFirst().orElseThrow().alert();
    assertEquals(Optional.empty(), alert.groupKey());
    assertTrue(alert.summary().contains("] search/search-availability events: burn "), alert.summary());
    assertFalse(alert.id().contains("["), alert.id());
    assertEquals(Optional.empty(), decided.get(0).groupKey());
    assertTrue(decided.get(0).toString().contains(" (p 1 freeze) search-availability/events: "), decided.get(0).toString());
  }
}
