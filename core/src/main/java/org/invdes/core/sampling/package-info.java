/**
 * Generating structures with a trained conditional VAE ({@link org.invdes.core.model.CvaeModel}):
 * unconditional sampling from N(0, I), sampling conditioned on target property values through
 * the learned conditional prior (optionally with rejection by the property head), latent
 * optimisation toward lower, higher or target property values from encoded seed structures, and
 * element constraints applied while decoding. Entry point: {@link
 * org.invdes.core.sampling.Sampler}. The diffusion generator ({@link
 * org.invdes.core.model.DiffusionModel}) samples by predictor–corrector reverse diffusion with
 * classifier-free guidance: {@link org.invdes.core.sampling.DiffusionSampler}. Both implement
 * {@link org.invdes.core.sampling.Generator} over the same {@link
 * org.invdes.core.sampling.SamplingRequest}.
 */
package org.invdes.core.sampling;
