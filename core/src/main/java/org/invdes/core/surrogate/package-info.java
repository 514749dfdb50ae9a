/**
 * A learned formation-energy surrogate: a CGCNN-style crystal-graph network in DJL (PyTorch
 * engine, CPU) that predicts a per-atom property, typically the formation energy in eV/atom,
 * from a structure.
 *
 * <p>Featurisation ({@link org.invdes.core.surrogate.CrystalGraph}: neighbours within a cut-off
 * over periodic images; {@link org.invdes.core.surrogate.GraphBatch}: dense padded tensors with
 * masks) is separate from the network ({@link org.invdes.core.surrogate.SurrogateBlock}), whose
 * inputs are all tensors. {@link org.invdes.core.surrogate.SurrogateTrainer} trains it with the
 * hyper-parameters of {@link org.invdes.core.surrogate.SurrogateConfig}; the result, a {@link
 * org.invdes.core.surrogate.SurrogateModel}, is saved atomically as a directory with the weights
 * and a JSON {@link org.invdes.core.surrogate.SurrogateManifest} (model type {@code
 * "surrogate"}). {@code org.invdes.core.stability.SurrogateEnergyCheck} uses it in the stability
 * filter.
 */
package org.invdes.core.surrogate;
