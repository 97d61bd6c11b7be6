package io.github.slo4j.spring;

import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.SloHealth;
import io.github.slo4j.monitor.SloMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code slo} to {@code /actuator/info}: how many SLOs are tracked, which burn, which are
 * frozen, which have no data, and the average budget remaining. Information, never a verdict on
 * the instance: see {@link SloHealthIndicator}.
 */
public class SloInfoContributor implements InfoContributor {
  private final RegistryMonitor monitor;

  /**
   * The contributor of {@code monitor}'s SLOs.
   *
   * @param monitor the registry's monitor
   */
  public SloInfoContributor(RegistryMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public void contribute(Info.Builder builder) {
    builder.withDetail("slo", SloViews.summary(health(monitor)));
  }

  static List<SloHealth> health(RegistryMonitor monitor) {
    List<SloHealth> health = new ArrayList<>();
    for (SloMonitor m : monitor.monitors()) {
      health.add(m.health());
    }
    return health;
  }
}
