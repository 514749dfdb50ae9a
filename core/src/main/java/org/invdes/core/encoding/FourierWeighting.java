package org.invdes.core.encoding;

/**
 * The per-site weight wⱼ of the structure-factor-like Fourier features (see {@link
 * EncodingConfig#hkl()}): the role the atomic form factor plays in a real structure factor.
 */
public enum FourierWeighting {
  /** wⱼ = Zⱼ · occⱼ: the atomic number, a form factor at zero scattering angle (X-ray-like). */
  ATOMIC_NUMBER,
  /** wⱼ = occⱼ: every atom counts alike, so the features describe the geometry only. */
  UNIFORM
}
