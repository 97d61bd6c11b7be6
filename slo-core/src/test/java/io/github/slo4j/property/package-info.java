/**
 * A small seeded property-testing harness for slo4j's own tests (it replaced jqwik).
 *
 * <p>Every generator ({@link io.github.slo4j.property.Gen}) draws from a recorded sequence of
 * choices, a {@link io.github.slo4j.property.Tape}, and maps the choice 0 to its simplest value. A
 * failing case is shrunk by editing its tape — deleting chunks of choices, then lowering each towards
 * 0 — and replaying it, so any composition of generators shrinks without a shrinker of its own. The
 * technique is Hypothesis's (D. R. MacIver, "Hypothesis: A new approach to property-based testing",
 * JOSS 2019; the "internal reduction" of MacIver and Donaldson, ECOOP 2020); the code is written
 * here. A share of runs draw edge values (bounds, zero, one), each property has a deterministic seed
 * derived from its test's name, and a failure ends with a one-line replay hint.
 * {@link io.github.slo4j.property.Property} runs a property; {@code HarnessTest} checks the harness.
 */
package io.github.slo4j.property;
