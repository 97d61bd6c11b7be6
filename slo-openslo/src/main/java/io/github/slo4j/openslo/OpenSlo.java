package io.github.slo4j.openslo;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads <a href="https://github.com/OpenSLO/OpenSLO">OpenSLO v1</a> documents into slo4j
 * definitions and alert rules, and writes slo4j definitions back as OpenSLO v1.
 *
 * <pre>{@code
 * OpenSloDocuments docs = OpenSlo.read(Path.of("slos/"));        // a file or a directory
 * for (OpenSloSlo slo : docs.slos()) {
 *   for (int i = 0; i < slo.definitions().size(); i++) {
 *     registry.register(slo.definitions().get(i));               // then monitor with slo.rules().get(i)
 *   }
 * }
 * String yaml = OpenSlo.write(definition, rules);                 // and back
 * }</pre>
 *
 * <p>What is read, and how:
 *
 * <ul>
 *   <li>{@code SLO} with an inline {@code indicator} or an {@code indicatorRef} to an {@code SLI}:
 *       {@code metadata.name} is the id, {@code spec.service} the service. A {@code ratioMetric}
 *       is the events SLI; a {@code thresholdMetric} is the latency SLI, each objective's {@code
 *       value} a threshold in <b>milliseconds</b> with op {@code lte} (or {@code lt}, which slo4j
 *       counts as {@code lte}: a request exactly at the threshold is good). Several objectives of
 *       a ratio SLO become one definition each ({@link OpenSloSlo}).
 *   <li>{@code timeWindow}: rolling in {@code m}, {@code h}, {@code d} or {@code w}; calendar
 *       {@code 1w} (starting on the weekday of {@code startTime}) or {@code 1M}, in {@code
 *       timeZone}. slo4j's calendar periods start at midnight: the time of day of {@code
 *       startTime} is kept for writing back, not applied.
 *   <li>{@code budgetingMethod} Occurrences, Timeslices ({@code timeSliceTarget}, {@code
 *       timeSliceWindow}) or RatioTimeslices; {@code target} or {@code targetPercent}, held
 *       exactly.
 *   <li>{@code AlertPolicy} (inline or {@code alertPolicyRef}) with one burn-rate {@code
 *       AlertCondition} (inline or {@code conditionRef}) is one alert tier, see {@link
 *       OpenSloAlertPolicy}; {@code alertWhenNoData} turns on the no-data alert. An SLO without
 *       alert policies that alert when breaching gets slo4j's default tiers.
 *   <li>{@code AlertNotificationTarget}, {@code Service} and {@code DataSource} are kept as read.
 *       Data-source queries have no meaning in-process: they are kept as metadata ({@link
 *       OpenSloIndicator#queries()}) and never run.
 * </ul>
 *
 * <p>Owner, runbook and links, which OpenSLO has no field for, are annotations {@code
 * slo4j.github.io/owner}, {@code slo4j.github.io/runbook} and {@code slo4j.github.io/links} (a JSON
 * object of names to URIs). Writing then reading a definition gives it back equal in every field.
 *
 * <p>Whatever cannot be read is refused with an {@link OpenSloException} naming the file, the line,
 * the column and the field. Thread-safe: every call is independent.
 */
public final class OpenSlo {
  private OpenSlo() {}

  /**
   * Reads a file, or every {@code *.yaml} and {@code *.yml} file under a directory (in path order),
   * as one set of documents whose references resolve across files.
   *
   * @param path a file or a directory
   * @return what was read
   * @throws IOException when a file cannot be read
   * @throws OpenSloException when a document cannot be read; its message names the file by {@code
   *     path} (or the path under it)
   */
  public static OpenSloDocuments read(Path path) throws IOException {
    Objects.requireNonNull(path, "path: null (expected a value)");
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .collect(Collectors.toList());
      }
    } else {
      files = List.of(path);
    }
    Reader reader = new Reader();
    for (Path f : files) {
      reader.add(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
    }
    return reader.read();
  }

  /**
   * Reads the documents of one text (one or more, separated by {@code ---}).
   *
   * @param name the name messages give the text, e.g. a file name
   * @param yaml the documents
   * @return what was read
   * @throws OpenSloException when a document cannot be read
   */
  public static OpenSloDocuments read(String name, String yaml) {
    Objects.requireNonNull(name, "name: null (expected a value)");
    Objects.requireNonNull(yaml, "yaml: null (expected a value)");
    Reader reader = new Reader();
    reader.add(name, yaml);
    return reader.read();
  }

  /**
   * Writes one definition as an OpenSLO {@code SLO} without alert policies.
   *
   * @param definition the definition
   * @return one YAML document
   * @throws IllegalArgumentException when a duration of the definition is not a whole number of
   *     minutes (OpenSLO has no seconds)
   */
  public static String write(SloDefinition definition) {
    Objects.requireNonNull(definition, "definition: null (expected a value)");
    return Writer.dump(List.of(Writer.slo(Writer.model(definition, null))));
  }

  /**
   * Writes one definition as an OpenSLO {@code SLO} with one inline alert policy per tier of its
   * rules. What OpenSLO cannot say is refused rather than dropped: tiers that differ between the
   * targets of a latency SLO, and a no-data alert whose silence is not the long window of a tier of
   * its severity.
   *
   * @param definition the definition
   * @param rules its alert rules
   * @return one YAML document
   * @throws IllegalArgumentException when the rules are not the definition's, or say what OpenSLO
   *     cannot
   */
  public static String write(SloDefinition definition, AlertRules rules) {
    Objects.requireNonNull(definition, "definition: null (expected a value)");
    Objects.requireNonNull(rules, "rules: null (expected a value)");
    return Writer.dump(List.of(Writer.slo(Writer.model(definition, rules))));
  }

  /**
   * Writes documents read earlier back as OpenSLO v1: each {@code Service}, then each {@code SLO}
   * with its indicator, alert policies, conditions and notification targets inline (a reference in
   * the source is written as the object it named). Display names, labels, annotations and the
   * indicator's queries are written as read; {@code DataSource}s are not written.
   *
   * @param documents what {@link #read(Path)} returned
   * @return the YAML documents, each starting with {@code ---}
   */
  public static String write(OpenSloDocuments documents) {
    Objects.requireNonNull(documents, "documents: null (expected a value)");
    List<Node> nodes = new ArrayList<>();
    documents.services().forEach(s -> nodes.add(Writer.service(s)));
    documents.slos().forEach(s -> nodes.add(Writer.slo(s)));
    return Writer.dump(nodes);
  }
}
