package io.github.slo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The charts and command lines a docs page shows are what the command line prints and draws today.
 * Each block of the page that starts with {@code $ java -jar slo-cli/target/slo4j.jar} is run
 * through {@link Main#run} (paths taken from the repository root); every following line of the block
 * must be a line of its output (a line that ends in {@code " ..."} is shortened: the output has a
 * line that starts with it), and the chart its {@code --svg} names must equal the committed file.
 * Every chart the page shows as an image must be drawn by one of its commands.
 */
class DocChartsTest {
  private static final String PROMPT = "$ java -jar slo-cli/target/slo4j.jar ";
  private static final Pattern BLOCK = Pattern.compile("```\\n(\\Q" + PROMPT + "\\E.*?)```", Pattern.DOTALL);
  private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\(([a-z0-9-]+\\.svg)\\)");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"docs/concepts.md"})
  void thePageShowsWhatItsCommandsPrintAndDraw(String doc) throws IOException {
    Path root = Path.of("..");
    String page = Files.readString(root.resolve(doc), StandardCharsets.UTF_8);
    Set<String> drawn = new TreeSet<>();
    Matcher m = BLOCK.matcher(page);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      List<String> lines = m.group(1).lines().toList();
      String command = lines.get(0).substring(PROMPT.length());
      List<String> args = new ArrayList<>();
      Path committed = null;
      Path svg = null;
      for (String arg : command.split(" +")) {
        if (args.size() > 0 && args.get(args.size() - 1).equals("--svg")) {
          committed = root.resolve(arg);
          svg = dir.resolve(committed.getFileName());
          drawn.add(root.resolve(doc).getParent().relativize(committed).toString());
          args.add(svg.toString());
        } else {
          args.add(arg.startsWith("samples/") ? root.resolve(arg).toString() : arg);
        }
      }
      MainTest.Run r = MainTest.run(args.toArray(String[]::new));
      assertEquals(0, r.status(), () -> command + "\n" + r.err());
      List<String> actual = r.out().lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        boolean shown = line.endsWith(" ...")
            ? actual.stream().anyMatch(a -> a.startsWith(line.substring(0, line.length() - 4)))
            : actual.contains(line);
        assertTrue(shown, () -> command + "\nno longer prints:\n" + line + "\nit prints:\n" + r.out());
      }
      if (svg != null) {
        Path file = committed;
        assertEquals(Files.readString(file), Files.readString(svg),
            () -> file + " is not what this draws: run " + command + " from the repository root");
      }
    }
    assertTrue(blocks > 0, doc + " shows a command");
    Matcher images = IMAGE.matcher(page);
    List<String> shown = new ArrayList<>();
    while (images.find()) {
      shown.add(images.group(1));
    }
    assertFalse(shown.isEmpty(), doc + " shows a chart");
    for (String image : shown) {
      assertTrue(drawn.contains(image), () -> doc + " shows " + image + ", which none of its commands draws");
    }
  }
}
