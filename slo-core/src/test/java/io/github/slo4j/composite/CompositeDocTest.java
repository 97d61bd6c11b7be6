package io.github.slo4j.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/composite.md, verbatim between the doc markers. */
class CompositeDocTest {

  @Test
  void serialMath() {
    // tag::serial[]
    Objective each = Objective.percent("99.9");

    // five services in series, each at 99.9 %: the journey can promise at most their product
    BigDecimal ceiling = SerialDependency.ceiling(each, 5); // exactly 0.995009990004999

    // a journey at 99.9 % through five services needs 99.98 % from each
    Objective needed = SerialDependency.componentObjective(Objective.percent("99.9"), 5);
    // end::serial[]
    assertEquals(new BigDecimal("0.995009990004999"), ceiling);
    assertEquals(Objective.percent("99.98"), needed);
  }

  private static SloDefinition slo(String id, String service, String percent) {
    return SloDefinition.builder(id).service(service).objective(Objective.percent(percent)).build();
  }

  @Test
  void journeyOverRecorders() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build()) {
      // tag::journey[]
      SloRecorder cart = registry.register(slo("cart-availability", "cart", "99.9"));
      SloRecorder payment = registry.register(slo("payment-availability", "payment", "99.9"));
      SloRecorder orders = registry.register(slo("orders-availability", "orders", "99.9"));

      SloDefinition journey = SloDefinition.builder("checkout-journey").service("checkout")
          .objective(Objective.percent("99.5")).owner("team-checkout").build();
      CompositeSlo checkout = CompositeSlo.builder(journey)
          .component(cart)
          .component(payment, 2) // payment's error ratio counts twice
          .component(orders)
          .build();

      // the journey gets its own budget, the same burn-rate tiers and its own policy
      SloMonitor monitor = SloMonitor.builder(journey).rules(AlertRules.defaults(journey)).build(checkout);
      registry.addTickListener(monitor::evaluate);
      // end::journey[]
      for (int i = 0; i < 1_000; i++) {
        cart.record(true);
        payment.record(i % 100 != 0); // 1 % failing
        orders.record(true);
      }
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
      // (0 + 2 × 1 % + 0) / 4 = 0.5 % of 3,000 events
      assertEquals(new WindowCounts(Duration.ofMinutes(5), 2_985, 3_000, Duration.ofSeconds(10)),
          checkout.window(journey.targets().get(0), Duration.ofMinutes(5)));
      assertEquals(0, monitor.activeAlerts().size());
    }
  }

  @Test
  void allOfAndGroups() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build()) {
      // tag::all-of-groups[]
      GroupedSloRecorder endpoints = registry.registerGrouped(slo("api-availability", "api", "99.9"), 50);

      // good in a minute only when every endpoint met 99.9 % in it; at most 50 endpoints and the
      // overflow group, the registry's cap
      SloDefinition api = slo("api-every-endpoint", "api", "99");
      CompositeSlo everyEndpoint = CompositeSlo.builder(api)
          .groupsOf(registry, "api-availability")
          .allOf(Duration.ofMinutes(1))
          .build();
      SloMonitor monitor = SloMonitor.builder(api)
          .rules(AlertRules.builder(api).evaluationInterval(Duration.ofMinutes(1)).build())
          .build(everyEndpoint);
      registry.addTickListener(boundary -> {
        everyEndpoint.update(); // close the minute's slice first
        monitor.evaluate(everyEndpoint.asOfMillis());
      });
      // end::all-of-groups[]
      registry.tick();
      for (int minute = 0; minute < 3; minute++) {
        for (String e : List.of("/cart", "/pay")) {
          for (int i = 0; i < 100; i++) {
            endpoints.group(e).record(!(minute == 1 && e.equals("/pay")));
          }
        }
        for (int t = 0; t < 6; t++) {
          clock.advance(Duration.ofSeconds(10));
          registry.tick();
        }
      }
      // minute 2 had /pay failing: one bad slice of three
      assertEquals(new WindowCounts(Duration.ofMinutes(5), 2, 3, Duration.ofMinutes(3)),
          everyEndpoint.window(api.targets().get(0), Duration.ofMinutes(5)));
    }
  }
}
