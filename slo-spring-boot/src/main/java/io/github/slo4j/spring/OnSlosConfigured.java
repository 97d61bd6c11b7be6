package io.github.slo4j.spring;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code slo4j.slos} declares at least one SLO. */
final class OnSlosConfigured extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> slos = Binder.get(context.getEnvironment())
        .bind("slo4j.slos", Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of());
    return slos.isEmpty()
        ? ConditionOutcome.noMatch("no SLO in slo4j.slos")
        : ConditionOutcome.match("slo4j.slos declares " + slos.keySet());
  }
}
