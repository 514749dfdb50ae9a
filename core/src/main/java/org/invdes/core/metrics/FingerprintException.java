package org.invdes.core.metrics;

/**
 * A site's neighbours or fingerprint cannot be computed: a disordered site, an element without a
 * covalent radius, or a Voronoi cell that stays unbounded up to the largest search radius. CDVAE
 * counts a crystal in this state as having no fingerprint.
 */
public final class FingerprintException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what could not be computed and why, naming the site
   */
  public FingerprintException(String message) {
    super(message);
  }
}
