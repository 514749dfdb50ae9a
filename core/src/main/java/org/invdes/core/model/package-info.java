/**
 * A conditional variational autoencoder (CVAE) for crystal structures, built and trained with DJL
 * on the PyTorch engine (CPU), on the fixed-size vectors of {@link
 * org.invdes.core.encoding.Encoder}.
 *
 * <p>{@link org.invdes.core.model.CvaeTrainer} trains a {@link org.invdes.core.model.CvaeBlock}
 * (encoder, conditional prior, decoder and property head) with the hyper-parameters of {@link
 * org.invdes.core.model.CvaeConfig}; the result is a {@link org.invdes.core.model.CvaeModel},
 * saved atomically as a directory holding the weights and a JSON {@link
 * org.invdes.core.model.ModelManifest}. Sampling is in {@code org.invdes.core.sampling}.
 *
 * <p>Next to it, a periodic diffusion generator (after DiffCSP): {@link
 * org.invdes.core.model.DiffusionSchedule} (DDPM on the normalised lattice parameters and on
 * continuous one-hot atom types, wrapped-normal {@link org.invdes.core.model.WrappedNormal} noise
 * on fractional coordinates), the invariant denoiser {@link org.invdes.core.model.DiffusionBlock},
 * {@link org.invdes.core.model.DiffusionTrainer} with {@link
 * org.invdes.core.model.DiffusionConfig}, and {@link org.invdes.core.model.DiffusionModel} saved
 * with its own {@link org.invdes.core.model.DiffusionManifest} (model type {@code diffusion}).
 * Both generators share the encoding, its normalisation and the training-row preparation.
 *
 * <p>Every random step takes a seed: with one thread the same data and configuration give the
 * same weights bit for bit (across processes with {@code MKL_CBWR=COMPATIBLE} in the
 * environment); with more threads float rounding may differ between runs (see {@link
 * org.invdes.core.model.CvaeTrainer}). Run with {@code -Dai.djl.offline=true}: the engine uses the libtorch
 * of the {@code pytorch-native-cpu} jar and never downloads.
 */
package org.invdes.core.model;
