package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defects the round-trip property test found in writing, each pinned by name. */
class OpenSloWriterRegressionTest {
  private static SloDefinition describedAs(String description) {
    return SloDefinition.builder("checkout").service("checkout").objective(Objective.percent("99.9")).description(description).build();
  }

  private static SloDefinition readBack(SloDefinition d) {
    return OpenSlo.read("written.yaml", OpenSlo.write(d)).definitions().get(0);
  }

  /** snakeyaml-engine 3.2's emitter wrote {@code "1:\nx"} as a plain scalar that no parser reads back. */
  @Test
  void aTextWithAColonBeforeALineBreakIsWrittenSoThatItReadsBack() {
    SloDefinition d = describedAs("1:\nx");
    assertEquals(d.description(), readBack(d).description());
  }

  /** Read with the YAML 1.2 core schema, True and NULL are a boolean and a null unless quoted. */
  @Test
  void textsThatTheCoreSchemaReadsAsBooleansNullsOrNumbersAreQuoted() {
    for (String text : List.of("True", "FALSE", "NULL", "~", ".5", "0o17", "-.INF", ".NaN", "1e3")) {
      SloDefinition d = SloDefinition.builder(text.equals("~") || text.startsWith(".") || text.startsWith("-") ? "id" + text.length() : text)
          .service("s").objective(Objective.percent("99.9")).description(text).owner(text).build();
      SloDefinition back = readBack(d);
      assertEquals(Canonical.of(d), Canonical.of(back), text);
    }
  }

  /** Writing put slo4j's own annotations after the others, so a file read and written changed order. */
  @Test
  void annotationsAreWrittenBackInTheOrderTheyWereRead() {
    String yaml = String.join("\n",
        "apiVersion: openslo/v1",
        "kind: SLO",
        "metadata:",
        "  name: checkout",
        "  annotations:",
        "    slo4j.github.io/owner: team-payments",
        "    example.com/cost-centre: cc-42",
        "spec:",
        "  service: checkout",
        "  indicator:",
        "    metadata:",
        "      name: checkout",
        "    spec:",
        "      ratioMetric:",
        "        raw:",
        "          metricSource:",
        "            type: Prometheus",
        "        rawType: success",
        "  timeWindow:",
        "    - duration: 28d",
        "      isRolling: true",
        "  budgetingMethod: RatioTimeslices",
        "  objectives:",
        "    - target: 0.999",
        "      timeSliceWindow: 5",
        "");
    OpenSloDocuments docs = OpenSlo.read("checkout.yaml", yaml);
    assertEquals(List.of("slo4j.github.io/owner", "example.com/cost-centre"), List.copyOf(docs.slos().get(0).annotations().keySet()));
    OpenSloDocuments again = OpenSlo.read("written.yaml", OpenSlo.write(docs));
    assertEquals(List.copyOf(docs.slos().get(0).annotations().keySet()), List.copyOf(again.slos().get(0).annotations().keySet()));
    assertEquals(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(5)), again.definitions().get(0).budgeting(),
        "a bare timeSliceWindow counts minutes");
  }

  @Test
  void linksWithQuotesBackslashesAndLineBreaksInTheirNamesReadBack() {
    SloDefinition d = SloDefinition.builder("checkout").service("checkout").objective(Objective.percent("99.9"))
        .link("say \"hi\"\\\n\tthere", URI.create("https://example.com/a?b=c&d=\"e\"".replace("\"", "%22")))
        .build();
    assertEquals(d.links(), readBack(d).links());
  }
}
