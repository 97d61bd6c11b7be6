package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default tiers are the SRE Workbook's three and Sloth's 1 d / 2 h ticket; the sample in
 * docs/alerting.md keeps only the Workbook's three.
 */
class WorkbookTiersDocTest {

  @Test
  void theDefaultTiersAreTheWorkbooksThreeAndSlothsOneDayTicket() {
    List<AlertTier> defaults = AlertTiers.workbook();
    assertEquals(List.of(
            new AlertTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
            new AlertTier(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
            new AlertTier(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), 3),
            new AlertTier(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1)),
        defaults);
  }

  @Test
  void theWorkbooksThreeTiersAreTheDefaultsWithoutTheOneDayTicket() {
    SloDefinition slo = Slos.workbook();
    // tag::workbook-three-tiers[]
    AlertRules rules = AlertRules.builder(slo)
        .tiers(List.of(                                     // the SRE Workbook's three tiers
            AlertTier.of(Severity.PAGE, Duration.ofHours(1), 14.4),   // 1 h / 5 m
            AlertTier.of(Severity.PAGE, Duration.ofHours(6), 6),      // 6 h / 30 m
            AlertTier.of(Severity.TICKET, Duration.ofDays(3), 1)))    // 3 d / 6 h
        .build();
    // end::workbook-three-tiers[]
    List<AlertTier> defaults = AlertTiers.workbook();
    assertEquals(List.of(defaults.get(0), defaults.get(1), defaults.get(3)),
        rules.tiers(slo.targets().get(0)));
  }
}
