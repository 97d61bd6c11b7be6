package io.github.slo4j.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused {@code slo4j.*} value into Spring Boot's "APPLICATION FAILED TO START" report:
 * the property and why, then what to do, instead of a stack of bean-creation exceptions.
 */
final class SloPropertyFailureAnalyzer extends AbstractFailureAnalyzer<SloPropertyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SloPropertyException cause) {
    return new FailureAnalysis(
        "An SLO property is not valid:\n\n    " + cause.getMessage(),
        "Correct the property in the application's configuration (application.yaml, an environment"
            + " variable, a command-line argument); docs/spring-boot.md lists every slo4j property.",
        cause);
  }
}
