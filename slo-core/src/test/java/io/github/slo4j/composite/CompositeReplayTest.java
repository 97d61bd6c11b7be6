package io.github.slo4j.composite;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's "done when" for composites: five services replayed interval by interval into exact
 * stores, each watched by its own monitor, and a checkout journey over them — weighted and all-of —
 * watched by a monitor of its own with the default tiers. When one service burns, the journey burns
 * and pages too; before it, and once it is over, neither does.
 */
class CompositeReplayTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration INTERVAL = ofSeconds(10);
  private static final int SERVICES = 5;
  /** 6 hours clean, 1 hour with service 3 failing every call, 2 hours clean. */
  private static final Duration OUTAGE_FROM = ofHours(6);
  private static final Duration OUTAGE_TO = ofHours(7);
  private static final Duration END = ofHours(9);

  /** Page transitions of a monitor, as {@code +6h1m page 1h/5m > 14.4: inactive -> firing}. */
  private static List<String> pages(List<AlertTransition> transitions) {
    List<String> out = new ArrayList<>();
    for (AlertTransition t : transitions) {
      if (t.alert().severity().equals(Severity.PAGE) && t.notifies()) {
        out.add("+" + io.github.slo4j.internal.DurationFormat.format(Duration.between(START, t.at())) + " "
            + t.alert().tier().orElseThrow() + ": " + t.from().name().toLowerCase(java.util.Locale.ROOT) + " -> "
            + t.to().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  @Test
  void aFiveServiceJourneyPagesWhenOneServiceDoes() {
    Objective each = Objective.percent("99.9");
    // the journey promises what five services at 99.9 % in series can: their product, about 99.5 %
    Objective journey = Objective.ratio(SerialDependency.ceiling(each, SERVICES).toPlainString());
    SloDefinition weightedSlo = SloDefinition.builder("checkout-journey").service("checkout").objective(journey).build();
    SloDefinition allOfSlo = SloDefinition.builder("checkout-journey-all-of").service("checkout").objective(journey).build();

    List<IntervalStore> stores = new ArrayList<>();
    List<SloMonitor> serviceMonitors = new ArrayList<>();
    CompositeSlo.Builder weighted = CompositeSlo.builder(weightedSlo);
    CompositeSlo.Builder allOf = CompositeSlo.builder(allOfSlo).allOf(INTERVAL);
    for (int s = 1; s <= SERVICES; s++) {
      SloDefinition slo = SloDefinition.builder("svc-" + s).service("svc-" + s).objective(each).build();
      IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), INTERVAL);
      stores.add(store);
      serviceMonitors.add(SloMonitor.builder(slo).rules(AlertRules.defaults(slo)).build(store));
      weighted.component(store);
      allOf.component(store);
    }
    CompositeSlo weightedJourney = weighted.build();
    CompositeSlo allOfJourney = allOf.build();
    allOfJourney.update();
    BudgetPolicy policy = BudgetPolicy.builder("checkout-journey-policy", "1")
        .approvedBy("Dana Ruiz, VP Engineering", Instant.parse("2025-12-15T09:00:00Z"))
        .freezeWhenExhausted()
        .postmortemAt(0.05)
        .build();
    SloMonitor weightedMonitor = SloMonitor.builder(weightedSlo)
        .rules(AlertRules.defaults(weightedSlo))
        .policy(policy)
        .build(weightedJourney);
    SloMonitor allOfMonitor = SloMonitor.builder(allOfSlo).rules(AlertRules.defaults(allOfSlo)).build(allOfJourney);

    List<AlertTransition> service3 = new ArrayList<>();
    List<AlertTransition> others = new ArrayList<>();
    List<AlertTransition> weightedAlerts = new ArrayList<>();
    List<AlertTransition> allOfAlerts = new ArrayList<>();
    List<PolicyDecision> weightedDecisions = new ArrayList<>();
    long intervals = END.dividedBy(INTERVAL);
    for (long i = 1; i <= intervals; i++) {
      Duration elapsed = INTERVAL.multipliedBy(i);
      boolean outage = elapsed.compareTo(OUTAGE_FROM) > 0 && elapsed.compareTo(OUTAGE_TO) <= 0;
      for (int s = 1; s <= SERVICES; s++) {
        long good = s == 3 && outage ? 0 : 1_000; // 100 requests a second
        stores.get(s - 1).append(new long[] {good}, new long[] {1_000});
      }
      allOfJourney.update();
      long boundary = START.plus(elapsed).toEpochMilli();
      for (int s = 1; s <= SERVICES; s++) {
        (s == 3 ? service3 : others).addAll(serviceMonitors.get(s - 1).evaluate(boundary).transitions());
      }
      SloMonitor.Evaluation w = weightedMonitor.evaluate(boundary);
      weightedAlerts.addAll(w.transitions());
      weightedDecisions.addAll(w.decisions());
      allOfAlerts.addAll(allOfMonitor.evaluate(boundary).transitions());
    }

    // service 3: its 1h error ratio passes 1.44 % a minute in
    assertEquals(List.of("+6h1m page 1h/5m > 14.4: inactive -> firing", "+7h59m50s page 1h/5m > 14.4: firing -> resolved"),
        pages(service3));
    assertEquals(List.of(), others);
    // weighted: one service of five failing is a journey error ratio of 20 %, a burn of 40 against the
    // journey's budget (0.499 %); the 1h window passes 14.4 × 0.499 % = 7.19 % after 21m34s
    assertEquals(List.of("+6h21m40s page 1h/5m > 14.4: inactive -> firing",
            "+7h55m40s page 1h/5m > 14.4: firing -> resolved"),
        pages(weightedAlerts));
    // all-of: every slice of the outage is bad (service 3 missed its objective in it), a burn of 200
    assertEquals(List.of("+6h4m20s page 1h/5m > 14.4: inactive -> firing",
            "+7h59m10s page 1h/5m > 14.4: firing -> resolved"),
        pages(allOfAlerts));
    AlertTransition firing = weightedAlerts.stream().filter(t -> t.to() == AlertState.FIRING).findFirst().orElseThrow();
    // 1,300 s of a 20 % error ratio in the hour: 0.2 × 1300/3600 ÷ 0.004990009995001 = 14.47
    assertEquals("[page] checkout/checkout-journey events: burn 14.47 over 1h, 40.08 over 5m (> 14.4); this episode"
            + " spent 2.01% of the period's projected budget; the period so far consumed 227.5% of its budget (2.01% of"
            + " the period's projected budget); exhausted in 17h36m at this rate; no correlated change",
        firing.alert().summary());
    // the journey's own policy: the hour spends 0.2 × 1h ÷ (30d × 0.499 %) = 5.6 % of its budget, and
    // the episode passes 5 % 54 minutes in
    assertEquals(List.of("2026-01-01T06:54:00Z postmortem-required (checkout-journey-policy 1 postmortem)"
            + " checkout-journey/events: the alert episode that started firing at 2026-01-01T06:21:40Z"
            + " (page 1h/5m > 14.4) spent 5.01% of the period's projected budget (at least 5%): a postmortem is"
            + " required"),
        weightedDecisions.stream().map(PolicyDecision::toString).toList());
  }

  @Test
  void aSilentComponentMakesTheJourneyNoDataAndItsNoDataAlertFires() {
    Objective each = Objective.percent("99.9");
    SloDefinition journeySlo = SloDefinition.builder("checkout-journey").service("checkout").objective(each).build();
    IntervalStore cart = new IntervalStore(
        SloDefinition.builder("cart").service("cart").objective(each).build(), START.toEpochMilli(), INTERVAL);
    IntervalStore payment = new IntervalStore(
        SloDefinition.builder("payment").service("payment").objective(each).build(), START.toEpochMilli(), INTERVAL);
    CompositeSlo journey = CompositeSlo.builder(journeySlo).component(cart).component(payment).build();
    SloMonitor monitor = SloMonitor.builder(journeySlo).rules(AlertRules.defaults(journeySlo)).build(journey);
    List<String> transitions = new ArrayList<>();
    for (long i = 1; i <= ofHours(2).dividedBy(INTERVAL); i++) {
      Duration elapsed = INTERVAL.multipliedBy(i);
      cart.append(new long[] {1_000}, new long[] {1_000});
      // payment goes silent after an hour while the cart stays busy and healthy
      long payments = elapsed.compareTo(ofHours(1)) > 0 ? 0 : 1_000;
      payment.append(new long[] {payments}, new long[] {payments});
      for (AlertTransition t : monitor.evaluate(START.plus(elapsed).toEpochMilli()).transitions()) {
        transitions.add("+" + io.github.slo4j.internal.DurationFormat.format(elapsed) + " " + t.alert().id() + ": "
            + t.from().name().toLowerCase(java.util.Locale.ROOT) + " -> " + t.to().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    // the busy, healthy cart does not make the journey look healthy: after 30 minutes without data
    // the journey's no-data alert fires (a ticket by default)
    assertEquals(List.of("+1h30m checkout-journey/events ticket no-data 30m: inactive -> firing"), transitions);
    assertEquals(false, journey.window(journeySlo.targets().get(0), Duration.ofMinutes(5)).hasData());
  }
}
