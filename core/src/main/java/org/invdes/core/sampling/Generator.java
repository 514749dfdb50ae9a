package org.invdes.core.sampling;

import org.invdes.core.progress.ProgressMonitor;

/**
 * Something that generates structures for a {@link SamplingRequest}: the common face of the
 * generators (the conditional VAE's {@link Sampler}, the diffusion generator's {@link
 * DiffusionSampler}), so front ends can sample without knowing which model they hold.
 */
public interface Generator {
  /**
   * Generates {@link SamplingRequest#count()} structures (or fewer, with a warning, when a
   * constraint cannot be met within the draw budget).
   *
   * @throws org.invdes.core.progress.CancelledException if the monitor cancels
   * @throws IllegalArgumentException if the request names a property or element the model
   *     does not know, or asks for something this generator does not offer
   */
  SampleResult sample(SamplingRequest request, ProgressMonitor monitor);
}
