package org.invdes.core.encoding;

/** What an encoder does with a site that is not fully occupied by one element. */
public enum DisorderPolicy {
  /** Refuse the structure with an {@link IllegalArgumentException} naming the site. */
  REJECT,
  /**
   * Encode the site as its major element: the element with the largest occupancy, ties broken
   * by the larger atomic number. The other species on the site are dropped. With the occupancy
   * channel on, the channel holds that element's occupancy, so decoding gives a site of the major
   * element with its occupancy; without it, the decoded site is fully occupied.
   */
  MAJOR_ELEMENT
}
