package io.github.slo4j.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code slo4j} command line. Not part of the public API: its output is for people (and, with
 * {@code --json}, for scripts), its classes may change.
 */
final class Main {
  static final String USAGE =
      "usage: slo4j <command> [options]\n\n"
          + "commands:\n"
          + "  demo      the /checkout incident, replayed: the page, the rollback, the policy, a chart\n"
          + "  budget    the error budget, burn-rate table and alert tiers of an objective over a period\n"
          + "  replay    a traffic file through the alert tiers and the budget policy\n"
          + "  backtest  a traffic file against several alert configurations side by side\n\n"
          + "slo4j <command> --help explains a command; slo4j --version prints the version.";

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
   * @return 0 on success, 2 for a bad command line or input file
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    String command = list.get(0);
    List<String> rest = list.subList(1, list.size());
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      out.println(USAGE);
      return 0;
    }
    if (command.equals("--version")) {
      out.println("slo4j " + version());
      return 0;
    }
    try {
      boolean help = rest.contains("--help") || rest.contains("-h");
      switch (command) {
        case "budget":
          if (help) {
            out.println(BudgetCommand.HELP);
            return 0;
          }
          out.print(BudgetCommand.parse(rest).run());
          return 0;
        case "replay":
          if (help) {
            out.println(ReplayCommand.HELP);
            return 0;
          }
          return ReplayCommand.run(rest, out, err);
        case "backtest":
          if (help) {
            out.println(BacktestCommand.HELP);
            return 0;
          }
          return BacktestCommand.run(rest, out, err);
        case "demo":
          if (help) {
            out.println(DemoCommand.HELP);
            return 0;
          }
          return DemoCommand.run(rest, out, err);
        default:
          throw new UsageException(command + ": unknown command (expected demo, budget, replay or backtest)");
      }
    } catch (UsageException e) {
      err.println("slo4j: " + e.getMessage());
      return 2;
    }
  }

  /** The version in the jar's manifest; {@code development build} when run from classes. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
