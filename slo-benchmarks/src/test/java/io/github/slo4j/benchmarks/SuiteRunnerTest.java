package io.github.slo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The machine line of the benchmarks page, read from {@code /proc/cpuinfo}. */
class SuiteRunnerTest {

  @Test
  void theCpuIsNamedWithTheFirstProcessorsFamilyAndModel() {
    List<String> cpuinfo = List.of(
        "processor\t: 0",
        "vendor_id\t: AuthenticAMD",
        "cpu family\t: 26",
        "model\t\t: 2",
        "model name\t: AMD EPYC",
        "stepping\t: 1",
        "",
        "processor\t: 1",
        "cpu family\t: 25",
        "model\t\t: 17",
        "model name\t: AMD EPYC",
        "");
    assertEquals("AMD EPYC (family 26, model 2)", SuiteRunner.cpuOf(cpuinfo, "amd64"));
  }

  @Test
  void aCpuinfoWithoutFamilyNamesTheModelAloneAndOneWithoutAModelNameFallsBack() {
    assertEquals("Some CPU", SuiteRunner.cpuOf(List.of("model name : Some CPU"), "aarch64"));
    assertEquals("aarch64", SuiteRunner.cpuOf(List.of("processor : 0", "BogoMIPS : 50.00"), "aarch64"));
  }
}
