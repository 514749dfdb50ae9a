/**
 * Generating structures with a trained conditional VAE ({@link org.invdes.core.model.CvaeModel}):
 * unconditional sampling from N(0, I), sampling conditioned on target property values through
 * the learned conditional prior (optionally with rejection by the property head), latent
 * optimisation toward lower, higher or target property values from encoded seed structures, and
 * element constraints applied while decoding. Entry point: {@link
 * org.invdes.core.sampling.Sampler}.
 */
package org.invdes.core.sampling;
