package io.github.slo4j.spring;

import io.github.slo4j.monitor.RegistryMonitor;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code slo} health contributor: always {@code UP}, with the SLO summary as details.
 *
 * <p>SLO state never makes an instance unhealthy. An exhausted budget or a burning SLO is a fact
 * about the service's users over hours or days, not about this process: restarting the pod (a
 * failed liveness probe) or taking it out of the load balancer (a failed readiness probe) would not
 * give the budget back, and across a fleet it would turn a partial outage into a full one. The
 * contributor is therefore in no probe group (Spring Boot's liveness and readiness groups hold only
 * their own states by default) and never reports {@code DOWN} in the overall status either.
 */
public class SloHealthIndicator implements HealthIndicator {
  private final RegistryMonitor monitor;

  /**
   * The indicator of {@code monitor}'s SLOs.
   *
   * @param monitor the registry's monitor
   */
  public SloHealthIndicator(RegistryMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public Health health() {
    return Health.up().withDetails(SloViews.summary(SloInfoContributor.health(monitor))).build();
  }
}
