/**
 * The slo4j command line ({@code java -jar slo4j.jar}): demo, budget, replay and backtest. Exports
 * nothing: its output is for people and, with {@code --json}, for scripts.
 */
module io.github.slo4j.cli {
  requires io.github.slo4j;
  requires io.github.slo4j.openslo;
}
