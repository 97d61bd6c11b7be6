package io.github.slo4j.spring;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.micrometer.MicrometerTime;
import io.github.slo4j.micrometer.SloMeterBinder;
import io.github.slo4j.micrometer.SloObservationHandler;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.DecisionListener;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.notify.AlertmanagerNotifier;
import io.github.slo4j.notify.Notifier;
import io.github.slo4j.notify.WebhookNotifier;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.StateFile;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.ObservationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of slo4j for Spring Boot 4: the SLOs of {@code slo4j.slos} in one {@link
 * SloRegistry} on the meter registry's {@link Clock}, fed by an {@link SloObservationHandler} (a
 * plain {@link ObservationHandler} bean, which Boot adds to the {@code ObservationRegistry}),
 * evaluated by one {@link RegistryMonitor}, published by an {@link SloMeterBinder}, and shown by
 * the {@code slo} actuator endpoint, an info contributor and a health contributor that is always
 * {@code UP}. Every bean backs off when the application defines its own of that type; all are
 * closed on shutdown.
 *
 * <p>The registry ticks on its own daemon thread rather than on a Spring scheduler: its ticker
 * aligns boundaries to wall-clock multiples of the base interval (so the state of several
 * instances lines up), catches up missed boundaries as counted gaps, and cannot be delayed by the
 * application's own scheduled jobs. {@code slo4j.manual-ticks=true} turns it off for tests, which
 * then call {@link SloRegistry#tick()} themselves.
 *
 * <p>Alerts leave the process through an {@link AlertmanagerNotifier} ({@code slo4j.alertmanager.url})
 * and a {@link WebhookNotifier} ({@code slo4j.webhook.url}), listeners of the monitor whose counters
 * become {@code slo.notifier.*} meters; a {@link StateFile} ({@code slo4j.state.file}) is restored
 * before the monitor attaches, saved periodically and on shutdown.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({SloRegistry.class, SloObservationHandler.class, MeterRegistry.class})
@ConditionalOnProperty(prefix = "slo4j", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(Slo4jProperties.class)
public class Slo4jAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public Slo4jAutoConfiguration() {}

  /**
   * The SLOs of {@code slo4j.slos}, checked; a refused value stops the application.
   *
   * @param properties the bound properties
   * @param environment for {@code spring.application.name}, the default service
   * @return the checked SLOs
   */
  @Bean
  @ConditionalOnMissingBean
  public SloSpecs sloSpecs(Slo4jProperties properties, Environment environment) {
    return SloSpecs.of(properties, environment.getProperty("spring.application.name"), properties.baseInterval());
  }

  /**
   * The registry, on the meter registry's clock (the system clock without one), with every
   * configured SLO registered.
   *
   * @param properties the bound properties
   * @param specs the checked SLOs
   * @param clock the Micrometer clock, if any
   * @param customizers called once the configured SLOs are registered
   * @return the registry; closed on shutdown
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SloRegistry sloRegistry(Slo4jProperties properties, SloSpecs specs, ObjectProvider<Clock> clock,
      ObjectProvider<SloRegistryCustomizer> customizers) {
    SloRegistry.Builder b = SloRegistry.builder()
        .timeSource(MicrometerTime.of(clock.getIfAvailable(() -> Clock.SYSTEM)));
    try {
      b.baseInterval(properties.baseInterval());
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new SloPropertyException("slo4j.base-interval: " + m.substring(m.indexOf(": ") + 2), e);
    }
    if (properties.manualTicks()) {
      b.manualTicks();
    }
    SloRegistry registry = b.build();
    try {
      for (SloSpec s : specs.all()) {
        if (s.grouped()) {
          registry.registerGroupedIfAbsent(s.definition(), s.maxGroups());
        } else {
          registry.registerIfAbsent(s.definition());
        }
      }
      customizers.orderedStream().forEach(c -> c.customize(registry));
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  /**
   * The change log alerts correlate with: the application's start, and what {@code POST
   * /actuator/slo} records.
   *
   * @return a change log of {@value ChangeLog#DEFAULT_CAPACITY} markers
   */
  @Bean
  @ConditionalOnMissingBean
  public ChangeLog sloChangeLog() {
    return ChangeLog.create();
  }

  /**
   * One monitor for the registry: the configured rules and policy of each SLO, the defaults for
   * SLOs the application registers itself, and every {@link AlertListener} and {@link
   * DecisionListener} bean.
   *
   * @param registry the registry
   * @param specs the checked SLOs
   * @param changes the change log
   * @param alertListeners the alert listeners
   * @param decisionListeners the decision listeners
   * @param stateFile the state file, if any: restored before the monitor attaches
   * @return the monitor; closed on shutdown
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public RegistryMonitor sloRegistryMonitor(SloRegistry registry, SloSpecs specs, ChangeLog changes,
      ObjectProvider<AlertListener> alertListeners, ObjectProvider<DecisionListener> decisionListeners,
      ObjectProvider<StateFile> stateFile) {
    stateFile.ifAvailable(f -> {}); // created (so restored) first: the monitor's first look sees the history
    RegistryMonitor.Builder b = RegistryMonitor.builder()
        .changes(changes)
        .rules(slo -> specs.find(slo.id()).map(SloSpec::rules)
            .orElseGet(() -> AlertRules.builder(slo).evaluationInterval(registry.baseInterval()).build()))
        .policy(slo -> specs.find(slo.id()).flatMap(SloSpec::policy));
    alertListeners.orderedStream().forEach(b::listener);
    decisionListeners.orderedStream().forEach(b::decisionListener);
    return b.attach(registry);
  }

  /**
   * Feeds the configured SLOs from observations; only when {@code slo4j.slos} declares one.
   *
   * @param registry the registry
   * @param specs the checked SLOs
   * @param monitor the monitor, attached before any observation is recorded
   * @return the handler, which Boot adds to the {@code ObservationRegistry}
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(OnSlosConfigured.class)
  public SloObservationHandler sloObservationHandler(SloRegistry registry, SloSpecs specs, RegistryMonitor monitor) {
    SloObservationHandler.Builder b = SloObservationHandler.builder(registry);
    for (SloSpec s : specs.all()) {
      if (s.grouped()) {
        b.groupedSlo(s.definition(), s.groupBy(), s.maxGroups(), s.selector(), s.classifier());
      } else {
        b.slo(s.definition(), s.selector(), s.classifier());
      }
    }
    return b.build();
  }

  /**
   * Publishes every SLO of the registry as meters ({@code slo.events}, {@code slo.burn.rate}, …) with
   * {@code slo4j.tags}; Boot binds it to the meter registry.
   *
   * @param registry the registry
   * @param monitor the monitor, for {@code slo.alert.active}
   * @param properties the bound properties
   * @return the binder; closed on shutdown
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnBean(MeterRegistry.class)
  public SloMeterBinder sloMeterBinder(SloRegistry registry, RegistryMonitor monitor, Slo4jProperties properties) {
    List<Tag> tags = new ArrayList<>();
    properties.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
    return new SloMeterBinder(registry, monitor, tags);
  }

  /**
   * Records the application's start as a deploy marker, with the version of {@code build-info}
   * when present ({@code unknown} otherwise).
   *
   * @param registry the registry, whose clock stamps the marker
   * @param changes the change log
   * @param build the build information, if any
   * @param environment for {@code spring.application.name}
   * @return the listener
   */
  @Bean
  @ConditionalOnProperty(prefix = "slo4j", name = "record-start", matchIfMissing = true)
  public ApplicationListener<ApplicationReadyEvent> sloStartMarker(
      SloRegistry registry, ChangeLog changes, ObjectProvider<BuildProperties> build, Environment environment) {
    return new SloStartMarker(registry, changes,
        Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion),
        applicationName(environment));
  }

  /**
   * Delivers every alert of the monitor to Alertmanager ({@code slo4j.alertmanager.*}).
   *
   * @param properties the bound properties
   * @return the notifier, a listener of the monitor; closed on shutdown
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "slo4j.alertmanager", name = "url")
  public AlertmanagerNotifier sloAlertmanagerNotifier(Slo4jProperties properties) {
    return SloDelivery.alertmanager(properties.alertmanager());
  }

  /**
   * Posts every alert of the monitor to a webhook ({@code slo4j.webhook.*}).
   *
   * @param properties the bound properties
   * @return the notifier, a listener of the monitor; closed on shutdown
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "slo4j.webhook", name = "url")
  public WebhookNotifier sloWebhookNotifier(Slo4jProperties properties) {
    return SloDelivery.webhook(properties.webhook());
  }

  /**
   * Keeps the SLOs' state in {@code slo4j.state.file}: restored now (before the monitor attaches
   * and before anything is recorded; a file that cannot be read is logged and set aside), saved
   * every {@code slo4j.state.interval} of ticks and on shutdown.
   *
   * @param registry the registry, with the configured SLOs and the customizers' registered
   * @param properties the bound properties
   * @return the state file, started; closed (a last save) on shutdown, before the registry
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "slo4j.state", name = "file")
  public StateFile sloStateFile(SloRegistry registry, Slo4jProperties properties) {
    StateFile file = SloDelivery.stateFile(registry, properties.state());
    file.restore(); // logs what it restored, skipped or set aside
    file.start();
    return file;
  }

  /** The notifiers' counters as meters, where there is a meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(MeterRegistry.class)
  static class NotifierMetersConfiguration {
    @Bean
    SloNotifierMeters sloNotifierMeters(ListableBeanFactory beans, Slo4jProperties properties) {
      List<Tag> tags = new ArrayList<>();
      properties.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
      return new SloNotifierMeters(() -> beans.getBeansOfType(Notifier.class), tags);
    }
  }

  static String applicationName(Environment environment) {
    return environment.getProperty("spring.application.name", "application");
  }

  /** The {@code slo} endpoint, where the actuator is present and the endpoint exposed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    SloEndpoint sloEndpoint(SloRegistry registry, RegistryMonitor monitor, ChangeLog changes, Environment environment) {
      return new SloEndpoint(registry, monitor, changes, applicationName(environment));
    }
  }

  /** {@code slo} in {@code /actuator/info}, unless {@code management.info.slo.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(InfoContributor.class)
  static class InfoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "management.info.slo", name = "enabled", matchIfMissing = true)
    SloInfoContributor sloInfoContributor(RegistryMonitor monitor) {
      return new SloInfoContributor(monitor);
    }
  }

  /** The {@code slo} health contributor, always {@code UP}, unless {@code management.health.slo.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnEnabledHealthIndicator("slo")
    SloHealthIndicator sloHealthIndicator(RegistryMonitor monitor) {
      return new SloHealthIndicator(monitor);
    }
  }
}
