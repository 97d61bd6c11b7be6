package io.github.slo4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite at 1 and 2 threads (and at the machine's core count when it has more; the
 * stripe benchmarks also at 8 threads, which their target names), with
 * {@code -prof gc}, writes one JMH JSON file per thread count plus their union, measures the
 * footprint, and renders {@code docs/benchmarks.md} and {@code docs/benchmarks-record.svg} from
 * the JSON.
 *
 * <pre>
 * ./mvnw -pl slo-benchmarks -am -DskipTests package
 * java -cp slo-benchmarks/target/benchmarks.jar io.github.slo4j.benchmarks.SuiteRunner
 * </pre>
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code --threads 1,2,4}: thread counts (default 1, 2 and the core count);
 *   <li>{@code --include REGEX}: only benchmarks matching (default all {@code *Benchmark}s);
 *   <li>{@code -f N}, {@code -wi N}, {@code -i N}, {@code -w 1s}, {@code -r 1s}: JMH settings
 *       (default: each class's annotations, 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement);
 *   <li>{@code --smoke}: every benchmark once, a fraction of a second, no fork (the test suite's
 *       mode; figures are meaningless);
 *   <li>{@code --out DIR}: where the JSON goes (default {@code slo-benchmarks/target/jmh});
 *   <li>{@code --docs DIR}: where the page and chart go (default {@code docs});
 *   <li>{@code --note TEXT}: a line printed at the top of the page (e.g. "provisional");
 *   <li>{@code --render-only FILE.json...}: skip the run, render from existing JMH JSON.
 * </ul>
 *
 * <p>In {@link WritersReaderBenchmark} a thread count of {@code t} means {@code t} writers and one
 * reader.
 */
public final class SuiteRunner {
  private SuiteRunner() {}

  /** Every benchmark class of the suite, in report order. */
  static final String ALL = "io\\.github\\.slo4j\\.benchmarks\\.[A-Za-z]+Benchmark\\.";
  static final String GROUPS = "io\\.github\\.slo4j\\.benchmarks\\.WritersReaderBenchmark\\.";
  /**
   * The benchmarks whose target names 8 threads (issue 10: stripes that move apart); a full run
   * measures them at {@value #STRIPE_THREADS} threads too, whatever the core count.
   */
  static final String STRIPES =
      "io\\.github\\.slo4j\\.benchmarks\\.(Colliding|Pool)ThreadsBenchmark\\.";
  static final int STRIPE_THREADS = 8;

  /** The run's settings. */
  static final class Settings {
    List<Integer> threads = defaultThreads();
    String include = ALL;
    Integer forks;
    Integer warmupIterations;
    Integer iterations;
    TimeValue warmupTime;
    TimeValue time;
    boolean smoke;
    Path out = Paths.get("slo-benchmarks", "target", "jmh");
    Path docs = Paths.get("docs");
    String note;
    List<Path> renderOnly = new ArrayList<>();
    boolean footprint = true;
  }

  /** Runs the suite as the options say (see the class Javadoc). */
  public static void main(String[] args) throws Exception {
    Settings s = parse(args);
    List<Result> results;
    if (s.renderOnly.isEmpty()) {
      results = run(s);
    } else {
      results = new ArrayList<>();
      for (Path p : s.renderOnly) {
        results.addAll(Result.read(Files.readString(p)));
      }
    }
    List<Footprint.Row> footprint = s.footprint ? Footprint.measure() : List.of();
    render(results, footprint, s.docs, s.note);
    System.out.println("Wrote " + s.docs.resolve("benchmarks.md") + " and "
        + s.docs.resolve("benchmarks-record.svg"));
  }

  static Settings parse(String[] args) {
    Settings s = new Settings();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--threads":
          s.threads = new ArrayList<>();
          for (String t : args[++i].split(",")) {
            s.threads.add(Integer.parseInt(t.trim()));
          }
          break;
        case "--include":
          s.include = args[++i];
          break;
        case "-f":
          s.forks = Integer.parseInt(args[++i]);
          break;
        case "-wi":
          s.warmupIterations = Integer.parseInt(args[++i]);
          break;
        case "-i":
          s.iterations = Integer.parseInt(args[++i]);
          break;
        case "-w":
          s.warmupTime = TimeValue.fromString(args[++i]);
          break;
        case "-r":
          s.time = TimeValue.fromString(args[++i]);
          break;
        case "--smoke":
          s.smoke = true;
          break;
        case "--no-footprint":
          s.footprint = false;
          break;
        case "--out":
          s.out = Paths.get(args[++i]);
          break;
        case "--docs":
          s.docs = Paths.get(args[++i]);
          break;
        case "--note":
          s.note = args[++i];
          break;
        case "--render-only":
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            s.renderOnly.add(Paths.get(args[++i]));
          }
          break;
        default:
          throw new IllegalArgumentException("option: " + a + " (expected --threads, --include,"
              + " -f, -wi, -i, -w, -r, --smoke, --no-footprint, --out, --docs, --note or"
              + " --render-only)");
      }
    }
    return s;
  }

  private static List<Integer> defaultThreads() {
    Set<Integer> t = new LinkedHashSet<>(List.of(1, 2));
    t.add(Math.max(2, Runtime.getRuntime().availableProcessors()));
    return new ArrayList<>(t);
  }

  /** Runs every thread count, writes the JSON files, and returns all results. */
  static List<Result> run(Settings s) throws RunnerException, IOException {
    Files.createDirectories(s.out);
    // Sentinel logs to ~/logs/csp by default; keep its logs (in-process runs too) under target.
    if (System.getProperty("csp.sentinel.log.dir") == null) {
      System.setProperty("csp.sentinel.log.dir", sentinelLogs(s));
    }
    List<String> union = new ArrayList<>();
    List<Result> all = new ArrayList<>();
    for (int t : s.threads) {
      Path json = s.out.resolve("jmh-result-t" + t + ".json");
      ChainedOptionsBuilder o = options(s)
          .include(s.include)
          .exclude(GROUPS)
          .threads(t)
          .result(json.toString());
      new Runner(o.build()).run();
      String text = Files.readString(json);
      union.add(text);
      all.addAll(Result.read(text));
      if (includesGroups(s.include)) {
        Path groupJson = s.out.resolve("jmh-result-groups-t" + t + ".json");
        new Runner(options(s).include(GROUPS).threadGroups(t, 1).result(groupJson.toString())
            .build()).run();
        String g = Files.readString(groupJson);
        union.add(g);
        all.addAll(Result.read(g));
      }
    }
    if (!s.smoke && !s.threads.contains(STRIPE_THREADS) && includes(s.include,
        "io.github.slo4j.benchmarks.CollidingThreadsBenchmark.slo4j")) {
      Path json = s.out.resolve("jmh-result-stripes-t" + STRIPE_THREADS + ".json");
      new Runner(options(s).include(STRIPES).threads(STRIPE_THREADS).result(json.toString())
          .build()).run();
      String text = Files.readString(json);
      union.add(text);
      all.addAll(Result.read(text));
    }
    Files.writeString(s.out.resolve("jmh-result.json"), "[\n" + union.stream()
        .map(j -> j.trim()).map(j -> j.substring(1, j.length() - 1).trim())
        .filter(j -> !j.isEmpty()).collect(Collectors.joining(",\n")) + "\n]\n");
    return all;
  }

  private static boolean includesGroups(String include) {
    return includes(include, "io.github.slo4j.benchmarks.WritersReaderBenchmark.slo4j");
  }

  private static boolean includes(String include, String benchmark) {
    return java.util.regex.Pattern.compile(include).matcher(benchmark).find();
  }

  private static ChainedOptionsBuilder options(Settings s) {
    ChainedOptionsBuilder o = new OptionsBuilder()
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .shouldFailOnError(true)
        .jvmArgsAppend("-Dcsp.sentinel.log.dir=" + sentinelLogs(s));
    if (s.smoke) {
      o.forks(0).warmupIterations(0).measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100)).timeUnit(TimeUnit.NANOSECONDS)
          .output(s.out.resolve("jmh-smoke.log").toString());
    }
    if (s.forks != null) {
      o.forks(s.forks);
    }
    if (s.warmupIterations != null) {
      o.warmupIterations(s.warmupIterations);
    }
    if (s.iterations != null) {
      o.measurementIterations(s.iterations);
    }
    if (s.warmupTime != null) {
      o.warmupTime(s.warmupTime);
    }
    if (s.time != null) {
      o.measurementTime(s.time);
    }
    return o;
  }

  private static String sentinelLogs(Settings s) {
    return s.out.resolve("sentinel-logs").toAbsolutePath().toString();
  }

  /** Writes {@code benchmarks.md} and {@code benchmarks-record.svg} into {@code docs}. */
  static void render(List<Result> results, List<Footprint.Row> footprint, Path docs, String note)
      throws IOException {
    Files.createDirectories(docs);
    Report.Machine machine = machine();
    Files.writeString(docs.resolve("benchmarks-record.svg"), Report.recordChart(results, machine),
        StandardCharsets.UTF_8);
    Files.writeString(docs.resolve("benchmarks.md"),
        Report.markdown(results, footprint, machine, "benchmarks-record.svg", note),
        StandardCharsets.UTF_8);
  }

  static Report.Machine machine() {
    String cpu = System.getProperty("os.arch");
    try {
      cpu = cpuOf(Files.readAllLines(Paths.get("/proc/cpuinfo")), cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: the architecture will do
    }
    return new Report.Machine(cpu, Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
            + System.getProperty("os.arch") + ")",
        LocalDate.now(ZoneOffset.UTC).toString());
  }

  /**
   * The first processor's model name from {@code /proc/cpuinfo}'s lines, with its family and model
   * numbers where given (a VM may name only the vendor's line, "AMD EPYC", for processors of
   * several generations, whose ratios differ); {@code fallback} without a model name.
   */
  static String cpuOf(List<String> cpuinfo, String fallback) {
    String name = null;
    String family = null;
    String model = null;
    for (String line : cpuinfo) {
      if (line.isBlank() && name != null) {
        break; // the end of the first processor
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("model name")) {
        name = value;
      } else if (key.equals("cpu family")) {
        family = value;
      } else if (key.equals("model")) {
        model = value;
      }
    }
    if (name == null) {
      return fallback;
    }
    return family == null || model == null ? name : name + " (family " + family + ", model " + model + ")";
  }
}
