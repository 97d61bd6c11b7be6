/**
 * slo4j: SLOs, error budgets, burn rates, multi-window alerts and error-budget policies, computed
 * in-process.
 *
 * <p>The exported packages are the API, one layer each: {@link io.github.slo4j} (the model and the
 * math), {@link io.github.slo4j.recorder} (the record path, the ticker, windows and state), {@link
 * io.github.slo4j.monitor} (alerting and policy), {@link io.github.slo4j.replay} (replay over
 * exact stores), {@link io.github.slo4j.testing} (reliability assertions for unit tests), {@link
 * io.github.slo4j.canary} (the canary gate) and {@link io.github.slo4j.composite} (composite SLOs).
 * Everything else (the command line, {@code internal} helpers) is not exported.
 *
 * <p>HdrHistogram 2.2.2 has no {@code Automatic-Module-Name}: its module name, {@code HdrHistogram},
 * comes from its file name, hence the suppressed warnings. It is required transitively because the
 * canary gate's API and the latency assertions take its histograms.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module io.github.slo4j {
  requires org.slf4j;
  requires transitive HdrHistogram;
  requires java.net.http;

  exports io.github.slo4j;
  exports io.github.slo4j.recorder;
  exports io.github.slo4j.monitor;
  exports io.github.slo4j.replay;
  exports io.github.slo4j.testing;
  exports io.github.slo4j.canary;
  exports io.github.slo4j.notify;
  exports io.github.slo4j.composite;
  exports io.github.slo4j.correction;

  // The duration format the command line (module slo-cli, built after this one) parses and
  // prints: shared, not API.
  exports io.github.slo4j.internal to io.github.slo4j.cli;
}
