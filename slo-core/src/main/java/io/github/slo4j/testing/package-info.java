/**
 * Reliability assertions for unit tests that must not flake: "this code path meets its SLO", stated
 * with a confidence, under any test framework.
 *
 * <p>{@link io.github.slo4j.testing.Reliability} is the entry point: counts ({@code of(failures,
 * trials)}, {@code assertThat(WindowCounts)}), calls sampled when the assertion runs ({@code
 * sample(n, call)}, seeded for reproducible randomness) or sampled until the verdict is certain
 * ({@code sampleUntilConclusive(max, call)}), and samples of latencies. The assertions ({@code
 * meetsSlo}, {@code burnRateBelow}, {@code p99Below}) decide in a {@link io.github.slo4j.testing.Mode}:
 * every mode fails only when an exact one-sided bound at a tiny level (10⁻⁶ by default) shows the
 * violation, so a component that meets its objective fails once in a million runs; {@code
 * DEMONSTRATED} passes only when the bound at 95 % shows the objective is met and is otherwise
 * inconclusive. A failure is a {@link io.github.slo4j.testing.ReliabilityAssertionError}; an
 * inconclusive outcome is reported as aborted under the JUnit Platform and as an {@link
 * io.github.slo4j.testing.InconclusiveAssertionError} elsewhere. Every message prints the counts,
 * the observed rate, both bounds, the levels, the mode, the seed and the sample that would be needed.
 *
 * <p><b>Imports.</b> The model and {@code internal} (the statistics are {@code internal.stats}:
 * Clopper–Pearson bounds, Wald's SPRT and order-statistic ranks).
 *
 * <p><b>Where to start reading:</b> {@link io.github.slo4j.testing.Reliability}, then {@link
 * io.github.slo4j.testing.ReliabilityAssert}.
 */
package io.github.slo4j.testing;
