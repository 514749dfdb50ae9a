/**
 * Stability filtering of crystal structures: composable checks and the convex hull of reference
 * phases.
 *
 * <ul>
 *   <li>{@link org.invdes.core.stability.StabilityCheck} is the strategy: one check of one
 *       structure, giving a {@link org.invdes.core.stability.CheckResult} (passed or not, a score
 *       and a reason a person understands).
 *   <li>Checks: {@link org.invdes.core.stability.GeometricValidity} (the benchmark's structure
 *       validity), {@link org.invdes.core.stability.CovalentDistanceCheck} (interatomic distances
 *       against covalent radii), {@link org.invdes.core.stability.CompositionValidity} (SMACT's
 *       charge-neutrality and electronegativity test) and {@link
 *       org.invdes.core.stability.EnergyAboveHullCheck} (energy above the {@link
 *       org.invdes.core.stability.ConvexHull} of reference phases).
 *   <li>{@link org.invdes.core.stability.StabilityFilter} runs several checks over many structures
 *       on several threads, with progress and cancellation, and keeps the input order.
 *   <li>{@link org.invdes.core.stability.Validity} gives the two booleans of the CDVAE benchmark
 *       protocol, structure validity and composition validity.
 * </ul>
 *
 * <p>Units throughout: lengths in ångström (Å), volumes in Å³, energies in eV/atom.
 */
package org.invdes.core.stability;
