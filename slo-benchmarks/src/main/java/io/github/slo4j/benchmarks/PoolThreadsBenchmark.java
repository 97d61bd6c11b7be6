package io.github.slo4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link RecordBenchmark}'s record of one good outcome, on worker threads with arbitrary ids
 * ({@link ChosenIdWorkers.Scattered}: random gaps between ids, a fixed seed), as a service's pools
 * have them: some share a stripe at first, some do not. The target is at most 1.2 × {@code
 * baseline} ({@code LongAdder.increment()}) for any ids, at most 1.1 × at 8 threads.
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar PoolThreadsBenchmark -f 1 -wi 2 -i 3 -t 8
 * java -jar slo-benchmarks/target/benchmarks.jar PoolThreadsBenchmark -f 1 -wi 2 -i 3 -t 8 -jvmArgsAppend -Dslo4j.bench.seed=7
 * </pre>
 *
 * <p>Three forks, as {@link CollidingThreadsBenchmark} and for its reason.
 *
 * <p>The worker pool is chosen by the fork's JVM options (below); a run without forks ({@code -f
 * 0}) uses JMH's pool of consecutive ids.
 */
@Fork(value = 3, jvmArgsPrepend = {"-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=io.github.slo4j.benchmarks.ChosenIdWorkers$Scattered"})
public class PoolThreadsBenchmark extends ChosenIdRecordBenchmark {}
