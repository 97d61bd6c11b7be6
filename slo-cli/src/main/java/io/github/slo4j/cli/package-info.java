/**
 * The {@code slo4j} command line: {@code java -jar slo4j.jar budget --objective 99.9 --period 30d}
 * prints the error budget, the burn-rate table and the alert tiers of an objective, for people or,
 * with {@code --json}, for scripts.
 *
 * <p>{@code Main} parses the command and maps failures to exit statuses (a {@code UsageException}
 * is one line naming the bad argument, status 2); {@code BudgetCommand} computes with the model's
 * {@code ErrorBudget} and the monitor's {@code AlertTiers} and prints text or JSON; {@code Json} is
 * slo4j's one JSON writer. Everything runs on the caller's thread; nothing is shared.
 *
 * <p><b>Imports.</b> Anything public in slo4j. It is the top of the stack and a leaf: nothing
 * imports it, and the module does not export it, so its classes and output format may change in
 * any release.
 *
 * <p><b>Where to start reading:</b> {@code Main}, then {@code BudgetCommand}.
 */
package io.github.slo4j.cli;
