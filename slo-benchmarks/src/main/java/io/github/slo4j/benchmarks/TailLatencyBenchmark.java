package io.github.slo4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tail of the record calls of {@link RecordBenchmark}: the same methods on the same shared
 * implementations, measured one call at a time ({@link Mode#SampleTime}) so the p99.9 and the
 * maximum show a lock convoy, a bucket rotation or a ticker stall that an average hides. Run it at
 * two threads or more to see contention.
 *
 * <p>One call costs about as much as {@code System.nanoTime()} itself (about 20-30 ns), so the
 * lower percentiles are the timer's granularity; read the p99.9 and the maximum.
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar TailLatencyBenchmark -t 2 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TailLatencyBenchmark extends RecordBenchmark {}
