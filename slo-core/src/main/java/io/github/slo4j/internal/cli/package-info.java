/**
 * The {@code slo4j} command line, the main class of the core jar. For now it holds one command,
 * {@code budget}, an error-budget calculator: {@code java -jar slo4j.jar budget --objective 99.9
 * --period 30d} prints the budget, the burn-rate table and the alert tiers; {@code --json} prints
 * the same for scripts. A bad command line prints one line naming the argument and exits with
 * status 2.
 *
 * <p>Not part of the public API: its text output is for people and may change; its classes may
 * change in any release.
 */
package io.github.slo4j.internal.cli;
