package io.github.slo4j.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code slo4j} command line. Not part of the public API: its output is for people (and, with
 * {@code --json}, for scripts), its classes may change.
 */
final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command line.
   *
   * @return 0 on success, 2 for a bad command line
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty() || list.get(0).equals("--help") || list.get(0).equals("-h")) {
      (list.isEmpty() ? err : out).println(BudgetCommand.USAGE);
      return list.isEmpty() ? 2 : 0;
    }
    try {
      if (!list.get(0).equals("budget")) {
        throw new UsageException(list.get(0) + ": unknown command (expected budget)");
      }
      out.print(BudgetCommand.parse(list.subList(1, list.size())).run());
      return 0;
    } catch (UsageException e) {
      err.println("slo4j: " + e.getMessage());
      return 2;
    }
  }
}
