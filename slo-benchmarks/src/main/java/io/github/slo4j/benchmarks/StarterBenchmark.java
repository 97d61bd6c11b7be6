package io.github.slo4j.benchmarks;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.github.slo4j.micrometer.SloObservationHandler;
import io.github.slo4j.recorder.SloRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

/**
 * The added cost per HTTP request of the whole slo-spring-boot starter (issue 13): one {@code GET
 * /checkout} through Spring MVC with MockMvc, the application's servlet filters included (so Spring
 * Boot's {@code http.server.requests} observation runs, with Micrometer's meter handler), in the
 * same Spring Boot 4 application twice:
 *
 * <ul>
 *   <li>{@code baseline}: the application without the starter ({@code Slo4jAutoConfiguration}
 *       excluded);
 *   <li>{@code slo4j}: the application with the starter and one SLO on {@code uri=/checkout}: the
 *       observation handler judges and records every request; the registry ticks on its own
 *       thread, and the monitor, meter binder and endpoint are off the request path.
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar StarterBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StarterBenchmark {
  private ConfigurableApplicationContext without;
  private ConfigurableApplicationContext with;
  private MockMvc plain;
  private MockMvc starter;

  /** The application: Spring Boot's auto-configuration and one controller. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Shop.Checkout.class)
  public static class Shop {
    /** The controller. */
    @RestController
    public static class Checkout {
      /** A successful checkout. */
      @GetMapping("/checkout")
      public String checkout() {
        return "paid";
      }
    }
  }

  /** Starts the application twice and checks that the starter is on in one only. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    without = start("spring.autoconfigure.exclude=io.github.slo4j.spring.Slo4jAutoConfiguration");
    with = start("spring.application.name=shop", "slo4j.slos.checkout.objective=99.9%", "slo4j.slos.checkout.match.uri=/checkout");
    if (!without.getBeansOfType(SloObservationHandler.class).isEmpty() || with.getBeansOfType(SloObservationHandler.class).isEmpty()) {
      throw new IllegalStateException("the starter must be off in the baseline and on in slo4j");
    }
    plain = mockMvc(without);
    starter = mockMvc(with);
    starter.perform(get("/checkout"));
    if (with.getBean(SloRegistry.class).find("checkout").orElseThrow().cumulative().total() != 1) {
      throw new IllegalStateException("the starter did not record the request: the observation filter is missing");
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(Shop.class)
        .properties("server.port=-1", "spring.main.banner-mode=off", "spring.main.log-startup-info=false",
            "logging.level.root=warn") // Tomcat logs through java.util.logging: keep the JMH output readable
        .properties(properties)
        .run();
  }

  /** MockMvc over the application with its servlet filters, as Spring Boot's own MockMvc support adds them. */
  private static MockMvc mockMvc(ConfigurableApplicationContext context) {
    DefaultMockMvcBuilder b = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context);
    for (FilterRegistrationBean<?> f : context.getBeansOfType(FilterRegistrationBean.class).values()) {
      b.addFilters(f.getFilter());
    }
    return b.build();
  }

  /** Closes both applications. */
  @TearDown(Level.Trial)
  public void tearDown() {
    with.close();
    without.close();
  }

  /** A request to the application without the starter. */
  @Benchmark
  public int baseline() throws Exception {
    return plain.perform(get("/checkout")).andReturn().getResponse().getStatus();
  }

  /** A request to the application with the starter. */
  @Benchmark
  public int slo4j() throws Exception {
    return starter.perform(get("/checkout")).andReturn().getResponse().getStatus();
  }
}
