package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad slo4j value is reported as Spring Boot reports a bad property, not as a stack of beans. */
class SloPropertyFailureAnalyzerTest {

  @Test
  void aBadObjectiveIsReportedWithItsPropertyAndWhatToDo() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class))
        .withPropertyValues("slo4j.manual-ticks=true", "spring.application.name=shop", "slo4j.slos.checkout.objective=1.2")
        .run(context -> {
          FailureAnalysis analysis = new SloPropertyFailureAnalyzer().analyze(context.getStartupFailure());
          assertEquals("An SLO property is not valid:\n\n"
              + "    slo4j.slos.checkout.objective: 1.2 (expected 0 < ratio < 1; for a percent write 1.2%)",
              analysis.getDescription());
          assertThat(analysis.getAction()).startsWith("Correct the property");
        });
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void anApplicationWithABadObjectiveFailsToStartWithTheReport(CapturedOutput output) {
    SpringApplication app = new SpringApplication(Minimal.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(() -> app.run("--slo4j.slos.checkout.objective=1.2", "--spring.application.name=shop",
        "--slo4j.manual-ticks=true", "--spring.main.banner-mode=off"));
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("An SLO property is not valid:")
        .contains("slo4j.slos.checkout.objective: 1.2 (expected 0 < ratio < 1; for a percent write 1.2%)");
  }

  /** An application with Spring Boot's auto-configuration, the starter's included. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Minimal {}
}
