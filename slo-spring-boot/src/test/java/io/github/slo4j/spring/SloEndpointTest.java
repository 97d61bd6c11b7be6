package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/** The {@code slo} endpoint's operations, called directly: groups, no data, unknown ids, bad input. */
class SloEndpointTest {
  private final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
  private final ChangeLog changes = ChangeLog.create();
  private final GroupedSloRecorder api = registry.registerGrouped(
      SloDefinition.builder("api").service("shop").objective(Objective.percent("99")).build(), 10);
  private final RegistryMonitor monitor = RegistryMonitor.builder().changes(changes).attach(registry);
  private final SloEndpoint endpoint = new SloEndpoint(registry, monitor, changes, "shop");

  @AfterEach
  void close() {
    monitor.close();
    registry.close();
  }

  private void tick() {
    clock.advance(Duration.ofSeconds(10));
    registry.tick();
  }

  @Test
  void aGroupedSloIsShownByIdWithEachGroup() {
    api.group("/cart").recordGood();
    api.group("/checkout").recordBad();
    tick();
    tick(); // a group created on the fly is monitored from the next tick
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) endpoint.slo("api").get("groups");
    assertThat(groups).extracting(g -> g.get("group")).containsExactlyInAnyOrder("/cart", "/checkout");
  }

  @Test
  void anUnknownIdIsNotFound() {
    assertNull(endpoint.slo("nope"));
  }

  @Test
  void noTrafficIsNoDataNeverNaNOrZero() {
    SloDefinition quiet = SloDefinition.builder("quiet").service("shop").objective(Objective.percent("99")).build();
    registry.register(quiet);
    tick();
    Map<String, Object> v = endpoint.slo("quiet");
    assertEquals(false, v.get("hasData"));
    assertThat(v).doesNotContainKeys("burnRate", "budgetRemaining");
    @SuppressWarnings("unchecked")
    Map<String, Object> window = ((List<Map<String, Object>>) ((List<Map<String, Object>>) v.get("targets")).get(0).get("windows")).get(0);
    assertEquals(0L, window.get("total"));
    assertThat(window).doesNotContainKeys("errorRatio", "burnRate");
  }

  @Test
  void withoutAPolicyTheGateAllowsAndSaysWhy() {
    registry.register(SloDefinition.builder("quiet").service("shop").objective(Objective.percent("99")).build());
    tick();
    @SuppressWarnings("unchecked")
    Map<String, Object> gate = (Map<String, Object>) endpoint.slos("1.2.3", null).get("releaseGate");
    assertEquals(true, gate.get("allowed"));
    assertThat(gate.get("reasons").toString()).contains("no error-budget policy governs SLO quiet");
    assertThat(gate.get("change").toString()).startsWith("deploy shop 1.2.3 at 2026-03-02T09:00:");
  }

  @Test
  void aChangeIsRecordedAndABadCategoryRefusedWithItsReason() {
    endpoint.recordChange("on", "feature-flag", "new-checkout", "reliability");
    assertEquals("feature-flag new-checkout on at 2026-03-02T09:00:00Z (reliability)", changes.all().get(0).toString());
    assertThatThrownBy(() -> endpoint.recordChange("1", null, null, "urgent"))
        .isInstanceOf(InvalidEndpointRequestException.class)
        .hasMessage("category: urgent (expected routine, reliability or security)");
    assertThatThrownBy(() -> endpoint.slos(null, "hotfix"))
        .isInstanceOf(InvalidEndpointRequestException.class)
        .hasMessage("category: hotfix (expected routine, reliability or security)");
  }
}
