package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.micrometer.ObservationSelector;
import io.github.slo4j.micrometer.OutcomeClassifier;
import io.github.slo4j.micrometer.SloMeterBinder;
import io.github.slo4j.micrometer.SloObservationHandler;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/** Every condition of {@link Slo4jAutoConfiguration}, and every bean the application can replace. */
class Slo4jAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class))
      .withPropertyValues("slo4j.manual-ticks=true", "spring.application.name=shop");

  private static final String CHECKOUT = "slo4j.slos.checkout.objective=99.9%";

  @Test
  void withoutSlosTheRegistryAndMonitorExistButNoObservationHandler() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(SloRegistry.class).hasSingleBean(RegistryMonitor.class)
          .hasSingleBean(ChangeLog.class).hasSingleBean(SloSpecs.class)
          .doesNotHaveBean(SloObservationHandler.class);
      assertThat(context.getBean(SloRegistry.class).ids()).isEmpty();
    });
  }

  @Test
  void aConfiguredSloIsRegisteredMonitoredAndFedByTheObservationHandler() {
    runner.withPropertyValues(CHECKOUT, "slo4j.slos.checkout.match.uri=/checkout").run(context -> {
      assertThat(context.getBean(SloRegistry.class).ids()).containsExactly("checkout");
      assertEquals(List.of("checkout"), context.getBean(SloObservationHandler.class).sloIds());
      assertThat(context.getBean(RegistryMonitor.class).monitor("checkout")).isPresent();
      SloDefinition d = context.getBean(SloRegistry.class).find("checkout").orElseThrow().definition();
      assertEquals("shop", d.service()); // spring.application.name
      assertEquals(Objective.percent("99.9"), d.objective());
    });
  }

  @Test
  void aGroupedSloIsRegisteredGroupedWithItsCap() {
    runner.withPropertyValues(CHECKOUT, "slo4j.slos.checkout.group-by=uri", "slo4j.slos.checkout.max-groups=7")
        .run(context -> {
          assertThat(context.getBean(SloRegistry.class).findGrouped("checkout")).isPresent();
          assertEquals(7, context.getBean(SloSpecs.class).find("checkout").orElseThrow().maxGroups());
        });
  }

  @Test
  void slo4jEnabledFalseTurnsEverythingOff() {
    runner.withPropertyValues(CHECKOUT, "slo4j.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(SloRegistry.class).doesNotHaveBean(RegistryMonitor.class)
            .doesNotHaveBean(SloObservationHandler.class).doesNotHaveBean(Slo4jProperties.class));
  }

  @Test
  void withoutSloMicrometerOnTheClasspathNothingIsConfigured() {
    runner.withPropertyValues(CHECKOUT).withClassLoader(new FilteredClassLoader(SloObservationHandler.class))
        .run(context -> assertThat(context).doesNotHaveBean(SloRegistry.class));
  }

  @Test
  void withoutMicrometerOnTheClasspathNothingIsConfigured() {
    runner.withPropertyValues(CHECKOUT).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(SloRegistry.class));
  }

  @Test
  void theApplicationsOwnBeansReplaceEveryPiece() {
    SloRegistry registry = SloRegistry.builder().manualTicks().build();
    SloDefinition mine = SloDefinition.builder("mine").service("shop").objective(Objective.percent("99")).build();
    ChangeLog changes = ChangeLog.withCapacity(5);
    runner.withPropertyValues(CHECKOUT)
        .withBean(SloRegistry.class, () -> registry)
        .withBean(ChangeLog.class, () -> changes)
        .withBean(SloObservationHandler.class, () -> SloObservationHandler.builder(registry)
            .slo(mine, ObservationSelector.any(), OutcomeClassifier.errors()).build())
        .withBean(SloMeterBinder.class, () -> new SloMeterBinder(registry, Tags.empty()))
        .run(context -> {
          assertThat(context.getBean(SloRegistry.class)).isSameAs(registry);
          assertThat(context.getBean(ChangeLog.class)).isSameAs(changes);
          assertEquals(List.of("mine"), context.getBean(SloObservationHandler.class).sloIds());
          assertThat(context).hasSingleBean(SloMeterBinder.class);
        });
    registry.close();
  }

  @Test
  void theApplicationsOwnMonitorAndSpecsReplaceTheConfiguredOnes() {
    SloRegistry registry = SloRegistry.builder().manualTicks().build();
    RegistryMonitor monitor = RegistryMonitor.builder().attach(registry);
    runner.withBean(RegistryMonitor.class, () -> monitor)
        .withBean(SloSpecs.class, () -> SloSpecs.of(new Slo4jProperties(true, Duration.ofSeconds(10), true, true, null, null, null, null, null), "x", Duration.ofSeconds(10)))
        .run(context -> {
          assertThat(context.getBean(RegistryMonitor.class)).isSameAs(monitor);
          assertThat(context.getBean(SloSpecs.class).all()).isEmpty();
          assertThat(context).doesNotHaveBean(SloObservationHandler.class);
        });
    registry.close();
  }

  @Test
  void theMeterBinderNeedsAMeterRegistryAndPublishesTheSlosMeters() {
    runner.withPropertyValues(CHECKOUT).run(context -> assertThat(context).doesNotHaveBean(SloMeterBinder.class));
    runner.withPropertyValues(CHECKOUT, "slo4j.tags.region=eu-west-1")
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasSingleBean(SloMeterBinder.class);
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          assertThat(meters.find("slo.events").tags("slo", "checkout", "region", "eu-west-1").functionCounters())
              .hasSize(2); // good and bad
        });
  }

  @Test
  void closingTheApplicationClosesTheRegistryTheMonitorAndTheMeters() {
    SloRegistry[] registry = new SloRegistry[1];
    RegistryMonitor[] monitor = new RegistryMonitor[1];
    MeterRegistry[] meters = new MeterRegistry[1];
    runner.withPropertyValues(CHECKOUT)
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
        .run(context -> {
          registry[0] = context.getBean(SloRegistry.class);
          monitor[0] = context.getBean(RegistryMonitor.class);
          meters[0] = context.getBean(MeterRegistry.class);
          assertThat(meters[0].find("slo.events").meters()).isNotEmpty();
        });
    assertThat(monitor[0].closed()).isTrue();
    assertThat(meters[0].find("slo.events").meters()).isEmpty(); // the binder removed its meters
    SloDefinition late = SloDefinition.builder("late").service("shop").objective(Objective.percent("99")).build();
    assertThatThrownBy(() -> registry[0].register(late)).isInstanceOf(IllegalStateException.class)
        .hasMessage("registry is closed");
  }

  @Test
  void theEndpointExistsOnlyWhereTheActuatorHasItAndItIsExposed() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SloEndpoint.class)); // not exposed
    runner.withPropertyValues("management.endpoints.web.exposure.include=slo")
        .run(context -> assertThat(context).hasSingleBean(SloEndpoint.class));
    runner.withPropertyValues("management.endpoints.web.exposure.include=slo")
        .withClassLoader(new FilteredClassLoader(Endpoint.class))
        .run(context -> assertThat(context).doesNotHaveBean(SloEndpoint.class).hasSingleBean(SloRegistry.class));
  }

  @Test
  void theInfoContributorCanBeTurnedOff() {
    runner.run(context -> assertThat(context).hasSingleBean(SloInfoContributor.class));
    runner.withPropertyValues("management.info.slo.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SloInfoContributor.class));
  }

  @Test
  void theHealthContributorCanBeTurnedOffAndIsUpWhileTheSloIsExhausted() {
    runner.withPropertyValues("management.health.slo.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SloHealthIndicator.class));
    runner.withPropertyValues(CHECKOUT).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean(SloHealthIndicator.class).hasSingleBean(SloRegistry.class));
    MockClock clock = new MockClock();
    runner.withPropertyValues(CHECKOUT).withBean(Clock.class, () -> clock).run(context -> {
      SloRegistry slos = context.getBean(SloRegistry.class);
      for (int i = 0; i < 1000; i++) {
        slos.find("checkout").orElseThrow().recordBad(); // every request fails
      }
      clock.add(Duration.ofSeconds(10));
      slos.tick();
      var health = context.getBean(SloHealthIndicator.class).health();
      assertEquals(Status.UP, health.getStatus());
      assertEquals(List.of("checkout"), health.getDetails().get("burning"));
    });
  }

  @Test
  void theStartIsRecordedWithTheBuildVersionOrUnknown() {
    Properties build = new Properties();
    build.setProperty("version", "1.4.2");
    runner.withBean(BuildProperties.class, () -> new BuildProperties(build)).run(context -> {
      ready(context);
      ChangeMarker start = context.getBean(ChangeLog.class).all().get(0);
      assertEquals("deploy shop 1.4.2", start.toString().substring(0, start.toString().indexOf(" at ")));
    });
    runner.run(context -> {
      ready(context);
      assertEquals("unknown", context.getBean(ChangeLog.class).all().get(0).version());
    });
    runner.withPropertyValues("slo4j.record-start=false")
        .run(context -> assertThat(context).doesNotHaveBean("sloStartMarker"));
  }

  @Test
  void customizersSeeTheConfiguredSlosBeforeTheMonitorAttaches() {
    SloDefinition mine = SloDefinition.builder("mine").service("shop").objective(Objective.percent("99")).build();
    runner.withPropertyValues(CHECKOUT)
        .withBean(SloRegistryCustomizer.class, () -> registry -> {
          assertThat(registry.ids()).containsExactly("checkout");
          registry.register(mine);
        })
        .run(context -> assertThat(context.getBean(RegistryMonitor.class).monitor("mine")).isPresent());
  }

  @Test
  void theConfigurationMetadataDescribesTheSlo4jProperties() throws java.io.IOException {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(json).contains("\"slo4j.slos\"", "\"slo4j.base-interval\"", "\"slo4j.manual-ticks\"",
          "\"slo4j.record-start\"", "\"slo4j.tags\"", "\"slo4j.enabled\"");
    }
  }

  @SuppressWarnings("unchecked")
  private static void ready(ConfigurableApplicationContext context) {
    ApplicationListener<ApplicationReadyEvent> l = context.getBean("sloStartMarker", ApplicationListener.class);
    l.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
  }
}
