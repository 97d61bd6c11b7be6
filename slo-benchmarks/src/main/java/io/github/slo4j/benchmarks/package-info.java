/**
 * JMH benchmarks of the slo4j recorder against the libraries a service would otherwise use to keep
 * a rolling window in-process: Sentinel, resilience4j, Hystrix, Micrometer, HdrHistogram and
 * Dropwizard Metrics, with {@code LongAdder} and {@code AtomicLong} as the bare primitives.
 *
 * <p>One class per operation, each named {@code *Benchmark}, each with a {@code baseline} method
 * that measures the bare primitive the operation cannot be cheaper than; implementations are picked
 * by method, thread counts by JMH's {@code -t} option. {@link io.github.slo4j.benchmarks.Peers}
 * builds every implementation the same way for every benchmark, {@link
 * io.github.slo4j.benchmarks.SuiteRunner} runs the whole suite and renders {@code
 * docs/benchmarks.md}, and {@link io.github.slo4j.benchmarks.Footprint} measures memory per SLO
 * with JOL.
 *
 * <p>Build and run (from the repository root):
 *
 * <pre>
 * ./mvnw -pl slo-benchmarks -am -DskipTests package
 * java -jar slo-benchmarks/target/benchmarks.jar RecordBenchmark -f 1 -wi 2 -i 3 -t 2 -prof gc
 * java -cp slo-benchmarks/target/benchmarks.jar io.github.slo4j.benchmarks.SuiteRunner
 * </pre>
 */
package io.github.slo4j.benchmarks;
