/**
 * Invertible, fixed-size encodings of crystal structures for generative models, after FTCP (Ren
 * et al., "An invertible crystallographic representation for general inverse design of inorganic
 * crystals", Matter 5, 314 (2022)).
 *
 * <p>{@link org.invdes.core.encoding.Encoder#fit} fits an {@link
 * org.invdes.core.encoding.EncodingConfig} (site budget, element vocabulary, normalisation
 * statistics, optional Fourier and property channels) on training structures; the encoder then
 * turns each structure into one {@code float[]} whose layout {@link
 * org.invdes.core.encoding.EncodingLayout} documents, and back. The fitted configuration is saved
 * and loaded as versioned JSON.
 *
 * <p>Units: lattice lengths in ångström (Å), angles in degrees; fractional coordinates relative
 * to the lattice vectors; property values in whatever unit the structures' property map uses.
 */
package org.invdes.core.encoding;
