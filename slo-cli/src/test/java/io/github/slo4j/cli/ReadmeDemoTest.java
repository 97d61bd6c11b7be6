package io.github.slo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo excerpt and chart are what {@code slo4j demo} prints and draws today. */
class ReadmeDemoTest {
  @TempDir Path dir;

  @Test
  void theReadmeShowsTheDemosOutputAndChart() throws IOException {
    Path svg = dir.resolve("demo.svg");
    MainTest.Run r = MainTest.run("demo", "--svg", svg.toString());
    assertEquals(0, r.status(), r.err());
    List<String> actual = r.out().lines().toList();

    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int from = readme.indexOf("```\nWhat the on-call sees");
    assertTrue(from >= 0, "the README shows the demo's output");
    String excerpt = readme.substring(from + 4, readme.indexOf("```", from + 4));
    for (String line : excerpt.lines().toList()) {
      if (line.isBlank()) {
        continue;
      }
      // A line that ends in "..." is shortened: the demo's line starts with what it shows.
      boolean shown = line.endsWith(" ...")
          ? actual.stream().anyMatch(a -> a.startsWith(line.substring(0, line.length() - 4)))
          : actual.contains(line);
      assertTrue(shown, () -> "the demo no longer prints:\n" + line + "\nit prints:\n" + r.out());
    }
    assertEquals(Files.readString(svg), Files.readString(Path.of("..", "docs", "demo.svg")),
        "docs/demo.svg is not what the demo draws: run java -jar slo-cli/target/slo4j.jar demo --svg docs/demo.svg");
  }
}
