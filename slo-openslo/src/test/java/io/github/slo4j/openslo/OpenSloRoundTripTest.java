package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Writing a definition with its rules as OpenSLO and reading it back gives them back equal in every
 * field OpenSLO can carry, for generated definitions: events and latency SLIs, rolling and calendar
 * periods, the three budgeting methods, exact objectives from 0.5 to many nines, texts that YAML must
 * quote, owners, runbooks, links, tiers and no-data alerts. A fixed seed; about a fifth of the draws
 * are edge values (bounds, one-digit objectives, texts that read as YAML numbers, booleans or nulls).
 */
class OpenSloRoundTripTest {
  private static final long SEED = 20261130L;
  private static final int CASES = 400;

  private static final String[] TRICKY = {
    "", "true", "True", "FALSE", "null", "NULL", "Null", "~", "1.0", ".5", "0o17", ".inf", "-.INF", ".NaN", "1e3", "0x1F", "yes", "- item", "key: value", "# not a comment", "'quoted'", "\"double\"",
    " leading", "trailing ", "line\nbreak", "tab\there", "{flow}", "[list]", "&anchor", "*alias", "!tag", "%", "@at",
    "`tick`", "é ü ✓", "a: b # c", "|", ">", "---", "...",
  };
  private static final String[] ZONES = {"UTC", "Z", "Europe/Paris", "America/New_York", "Asia/Kathmandu", "+05:45", "-03:30"};
  private static final String[] NAMES = {"a", "0", "1e3", "true", "True", "NULL", "0o17", "x.y", "a:b", "A_B-c", "9.9"};

  @Test
  void writingThenReadingIsTheIdentityOnGeneratedDefinitionsAndRules() {
    SplittableRandom random = new SplittableRandom(SEED);
    int refused = 0;
    for (int c = 0; c < CASES; c++) {
      SplittableRandom r = random.split();
      SloDefinition d = definition(r);
      AlertRules rules = rules(r, d);
      if (!sameTiersForEveryTarget(d, rules)) {
        // default tiers derived per target (a threshold too low for a Workbook factor): OpenSLO
        // cannot say that, and writing refuses it rather than dropping a tier
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSlo.write(d, rules));
        assertEquals(
            "rules: different tiers per target (expected the same tiers for every target: an OpenSLO alert policy"
                + " applies to every objective of its SLO)",
            e.getMessage());
        refused++;
        continue;
      }
      if (!inWholeMinutes(d, rules)) {
        // default tiers of a period shorter than 3 days are scaled to seconds; OpenSLO has no seconds
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSlo.write(d, rules));
        assertTrue(
            e.getMessage().matches("(long|short) window: [0-9a-z]+ \\(expected a whole number of minutes: OpenSLO durations are"
                + " written in m, h, d or w\\)"),
            e.getMessage());
        refused++;
        continue;
      }
      String yaml = OpenSlo.write(d, rules);
      String where = "seed " + SEED + " case " + c + ": " + d + "\n" + yaml;
      OpenSloDocuments back;
      try {
        back = OpenSlo.read("case-" + c + ".yaml", yaml);
      } catch (RuntimeException e) {
        throw new AssertionError(where, e);
      }
      if (back.definitions().size() != 1) {
        fail(where + "\nread back " + back.definitions());
      }
      SloDefinition d2 = back.definitions().get(0);
      assertEquals(Canonical.of(d, rules), Canonical.of(d2, back.rules(d2.id()).orElseThrow()), where);
      assertEquals(yaml, OpenSlo.write(d2, back.rules(d2.id()).orElseThrow()), where + "\nwriting is stable");
    }
    assertTrue(refused < CASES / 10, "most generated rules can be written: " + refused + " refused of " + CASES);
  }

  private static boolean inWholeMinutes(SloDefinition d, AlertRules rules) {
    for (AlertTier t : rules.tiers(d.targets().get(0))) {
      boolean shortWritable = t.shortWindow().toSeconds() % 60 == 0 || t.equals(AlertTier.of(t.severity(), t.longWindow(), t.factor()));
      if (t.longWindow().toSeconds() % 60 != 0 || !shortWritable) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameTiersForEveryTarget(SloDefinition d, AlertRules rules) {
    return d.targets().stream().map(rules::tiers).distinct().count() == 1;
  }

  @Test
  void writingADefinitionWithoutRulesThenReadingItGivesItBackWithDefaultRules() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int c = 0; c < CASES / 4; c++) {
      SloDefinition d = definition(random.split());
      String yaml = OpenSlo.write(d);
      String where = "seed " + (SEED + 1) + " case " + c + ":\n" + yaml;
      OpenSloDocuments back;
      try {
        back = OpenSlo.read("case-" + c + ".yaml", yaml);
      } catch (RuntimeException e) {
        throw new AssertionError(where, e);
      }
      SloDefinition d2 = back.definitions().get(0);
      assertEquals(Canonical.of(d, AlertRules.defaults(d)), Canonical.of(d2, back.rules(d2.id()).orElseThrow()), where);
    }
  }

  private static boolean edge(SplittableRandom r) {
    return r.nextInt(5) == 0;
  }

  private static String text(SplittableRandom r) {
    if (edge(r) || r.nextBoolean()) {
      return TRICKY[r.nextInt(TRICKY.length)] + (r.nextBoolean() ? "" : TRICKY[r.nextInt(TRICKY.length)]);
    }
    StringBuilder sb = new StringBuilder();
    String alphabet = "abc XYZ:#-'\"\\/{}[],&*!|>%@`é✓\t\n01.";
    int n = r.nextInt(1, 30);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String name(SplittableRandom r) {
    if (edge(r)) {
      return NAMES[r.nextInt(NAMES.length)];
    }
    String first = "abcdefghijklmnopqrstuvwxyzABC0123456789";
    String rest = first + "._:-";
    StringBuilder sb = new StringBuilder().append(first.charAt(r.nextInt(first.length())));
    int n = r.nextInt(0, 20);
    for (int i = 0; i < n; i++) {
      sb.append(rest.charAt(r.nextInt(rest.length())));
    }
    return sb.toString();
  }

  /** An objective 0 < x < 1 held exactly: one to twelve digits, biased to one-digit and many-nines ones. */
  private static Objective objective(SplittableRandom r) {
    if (edge(r)) {
      String[] edges = {"0.5", "0.9", "0.1", "0.99999", "0.000001", "0.999999999999", "0.95"};
      return Objective.ratio(edges[r.nextInt(edges.length)]);
    }
    int digits = r.nextInt(1, 13);
    long max = BigDecimal.TEN.pow(digits).longValueExact();
    long v = r.nextLong(1, max);
    return Objective.ratio(BigDecimal.valueOf(v, digits).toPlainString());
  }

  private static SloDefinition definition(SplittableRandom r) {
    SloDefinition.Builder b = SloDefinition.builder(name(r)).service(name(r));
    if (r.nextBoolean()) {
      b.description(text(r));
    }
    boolean latency = r.nextInt(3) == 0;
    if (latency) {
      int n = r.nextInt(1, 4);
      Set<Duration> seen = new LinkedHashSet<>();
      List<LatencyThreshold> ts = new ArrayList<>();
      while (ts.size() < n) {
        Duration t = edge(r) ? Duration.ofNanos(1000L * new long[] {1, 999, 1000, 1001, 60_000_000L}[r.nextInt(5)])
            : Duration.ofNanos(1000L * r.nextLong(1, 10_000_000L));
        if (seen.add(t)) {
          ts.add(LatencyThreshold.of(t, objective(r)));
        }
      }
      b.sli(Sli.latency(ts.get(0), ts.subList(1, ts.size()).toArray(new LatencyThreshold[0])));
    } else {
      b.objective(objective(r));
    }
    CompliancePeriod period;
    switch (r.nextInt(3)) {
      case 0:
        period = CompliancePeriod.rolling(Duration.ofMinutes(edge(r) ? (r.nextBoolean() ? 60 : 400 * 24 * 60) : r.nextLong(60, 400L * 24 * 60)));
        break;
      case 1:
        period = CompliancePeriod.calendarWeek(ZoneId.of(ZONES[r.nextInt(ZONES.length)]), DayOfWeek.of(r.nextInt(1, 8)));
        break;
      default:
        period = CompliancePeriod.calendarMonth(ZoneId.of(ZONES[r.nextInt(ZONES.length)]));
    }
    b.period(period);
    switch (r.nextInt(3)) {
      case 0:
        b.budgeting(BudgetingMethod.occurrences());
        break;
      case 1:
        b.budgeting(BudgetingMethod.timeslices(Duration.ofMinutes(r.nextInt(1, 61)), objective(r)));
        break;
      default:
        b.budgeting(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(r.nextInt(1, 61))));
    }
    if (r.nextBoolean()) {
      String owner = text(r);
      b.owner(owner.isBlank() ? "team " + owner : owner);
    }
    if (r.nextBoolean()) {
      b.runbook(URI.create("https://runbooks.example.com/" + name(r) + "?q=" + r.nextInt(100) + "#x"));
    }
    int links = r.nextInt(3);
    for (int i = 0; i < links; i++) {
      String n = text(r);
      b.link(n.isBlank() ? "link" + n : n, URI.create("https://example.com/" + name(r)));
    }
    return b.build();
  }

  private static AlertRules rules(SplittableRandom r, SloDefinition d) {
    AlertRules.Builder b = AlertRules.builder(d);
    long periodMinutes = d.period().nominalLength().toMinutes();
    double maxFactor = Double.MAX_VALUE;
    for (var t : d.targets()) {
      maxFactor = Math.min(maxFactor, t.objective().maxBurnRate());
    }
    if (r.nextInt(4) > 0) {
      int n = r.nextInt(1, 5);
      Set<AlertTier> tiers = new LinkedHashSet<>();
      while (tiers.size() < n) {
        long longMinutes = r.nextLong(2, Math.min(periodMinutes, 7L * 24 * 60) + 1);
        long shortMinutes = r.nextLong(1, longMinutes);
        // a factor below every target's full-outage burn rate, in tenths, so that the tier can fire
        double factor = Math.max(0.1, Math.floor(r.nextDouble(0.1, maxFactor) * 10) / 10);
        if (factor >= maxFactor) {
          continue;
        }
        Severity severity = new Severity[] {Severity.PAGE, Severity.TICKET, Severity.of("sev1")}[r.nextInt(3)];
        tiers.add(r.nextBoolean()
            ? new AlertTier(severity, Duration.ofMinutes(longMinutes), Duration.ofMinutes(shortMinutes), factor)
            : AlertTier.of(severity, Duration.ofMinutes(longMinutes), factor));
      }
      b.tiers(new ArrayList<>(tiers));
    }
    switch (r.nextInt(3)) {
      case 0:
        b.withoutNoDataAlert();
        break;
      case 1:
        b.noDataAfter(Duration.ofMinutes(r.nextLong(1, Math.min(periodMinutes, 24 * 60) + 1)), Severity.of("sev2"));
        break;
      default:
        break; // the default: a ticket after 30 minutes
    }
    return b.build();
  }
}
