/**
 * The statistics behind the canary gate and the reliability assertions, exact where an exact
 * answer exists and written in log space so that counts up to 10^12 neither overflow nor lose their
 * digits to cancellation: the special functions ({@link io.github.slo4j.internal.stats.SpecialFunctions}),
 * binomial and hypergeometric probabilities ({@link io.github.slo4j.internal.stats.Binomial},
 * {@link io.github.slo4j.internal.stats.FisherExact}), the Clopper–Pearson interval
 * ({@link io.github.slo4j.internal.stats.ClopperPearson}), the anytime-valid Bayes factor of a canary
 * ({@link io.github.slo4j.internal.stats.CanaryBayesFactor}), Wald's sequential probability ratio test
 * ({@link io.github.slo4j.internal.stats.Sprt}), order-statistic bounds on a quantile
 * ({@link io.github.slo4j.internal.stats.QuantileRanks}) and the rank tests of a Kayenta-style judge
 * ({@link io.github.slo4j.internal.stats.MannWhitney}).
 *
 * <p>Every function cites the source of its formula, validates its arguments with a message that
 * names the parameter, the value and what was expected, and returns a number (never NaN) for every
 * valid argument. The tests check each against Apache Commons Statistics on sweeps of counts that
 * include zeros, all-bad and very large counts. java.base only.
 *
 * <p>Not part of the public API: public only so that the canary and testing packages can use it; it
 * may change in any release.
 */
package io.github.slo4j.internal.stats;
