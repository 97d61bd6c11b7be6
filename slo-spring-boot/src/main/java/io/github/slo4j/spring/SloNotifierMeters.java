package io.github.slo4j.spring;

import io.github.slo4j.notify.Notifier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The delivery counters of every {@link Notifier} bean as meters, tagged {@code notifier=<bean
 * name>} and with {@code slo4j.tags}: the function counters {@code slo.notifier.sent}, {@code
 * slo.notifier.failed}, {@code slo.notifier.retried}, {@code slo.notifier.dropped} and the gauge
 * {@code slo.notifier.pending}. The meters hold the notifiers weakly, as Micrometer's function
 * meters do.
 */
final class SloNotifierMeters implements MeterBinder {
  private final Supplier<Map<String, Notifier>> notifiers;
  private final List<Tag> tags;

  SloNotifierMeters(Supplier<Map<String, Notifier>> notifiers, List<Tag> tags) {
    this.notifiers = notifiers;
    this.tags = List.copyOf(tags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    notifiers.get().forEach((name, n) -> {
      Tags t = Tags.of(tags).and("notifier", name);
      counter(registry, "slo.notifier.sent", "alerts the receiver accepted", n, Notifier::sent, t);
      counter(registry, "slo.notifier.failed", "failed deliveries of an alert (each attempt)", n, Notifier::failed, t);
      counter(registry, "slo.notifier.retried", "alerts queued again after a failed delivery", n, Notifier::retried, t);
      counter(registry, "slo.notifier.dropped", "alerts that will never be delivered", n, Notifier::dropped, t);
      Gauge.builder("slo.notifier.pending", n, Notifier::pending)
          .description("alerts waiting for delivery")
          .tags(t)
          .register(registry);
    });
  }

  private static void counter(
      MeterRegistry registry, String name, String description, Notifier n, ToDoubleFunction<Notifier> f, Tags tags) {
    FunctionCounter.builder(name, n, f).description(description).tags(tags).register(registry);
  }
}
