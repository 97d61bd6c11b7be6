/**
 * Composite SLOs: the reliability of a user journey through several services. {@link
 * io.github.slo4j.composite.SerialDependency} holds the arithmetic of services in series on exact
 * decimals — the ceiling of a journey, the objective each component needs. {@link
 * io.github.slo4j.composite.CompositeSlo} combines component SLOs (readers of recorders, of replay's
 * stores, or every group of a grouped SLO) into one {@link io.github.slo4j.WindowReader}, weighted or
 * all-of, so the monitor gives the journey its own budget, alerts and policy. No data in a component
 * is no data in the composite, never healthy.
 *
 * <p><b>Imports.</b> The model and {@code internal} only: a composite reads its components through
 * the model's {@code WindowReader} and {@code WindowSource}, and is read the same way.
 *
 * <p><b>Where to start reading:</b> {@link io.github.slo4j.composite.CompositeSlo}.
 */
package io.github.slo4j.composite;
