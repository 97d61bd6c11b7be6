/**
 * Helpers shared by the slo4j modules: argument checks with one message shape ({@link
 * io.github.slo4j.internal.Require}) and the compact duration format of the command line and the
 * docs ({@link io.github.slo4j.internal.DurationFormat}).
 *
 * <p>Not part of the public API: public only so that the other slo4j packages and modules can use
 * it; it may change in any release.
 */
package io.github.slo4j.internal;
