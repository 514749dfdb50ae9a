package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The CVAE loss. Labels are NDList(x [B, D], c [B, P], k [B, P]): the structure part of the
 * encoded vectors, the normalised true properties (0 where unknown) and their known-mask; the
 * predictions are the eight outputs of {@link CvaeBlock#forward} in training. With N sites and E
 * element classes, the terms (each a per-row sum, averaged over the B rows) are:
 *
 * <ol>
 *   <li>elements: −Σₙ Σₑ onehotₙₑ · log softmax(logits)ₙₑ over all N rows, "no atom" included;
 *   <li>coordinates: with d = predicted − true fractional coordinate, Σ over occupied rows and
 *       the 3 axes of (d − round(d))², the squared minimum-image difference, so 0.99 and 0.01
 *       are 0.02 apart (round has zero gradient, so the gradient is that of d);
 *   <li>lattice: Σ of the 6 squared differences of the normalised lattice components;
 *   <li>KL: ½ Σₗ (log σₚ² − log σ² + (σ² + (μ − μₚ)²) / σₚ² − 1);
 *   <li>property: Σₚ kₚ (ŷₚ − cₚ)² over the known properties only.
 * </ol>
 *
 * total = w_e·elements + w_c·coordinates + w_l·lattice + w_KL·KL + w_p·property.
 */
final class CvaeLoss extends Loss {
  private final int maxSites;
  private final int elementClasses;
  private final CvaeConfig config;

  CvaeLoss(CvaeBlock block, CvaeConfig config) {
    super("cvae");
    this.maxSites = block.maxSites();
    this.elementClasses = block.elementClasses();
    this.config = config;
  }

  /** The total with the full β. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return terms(labels, predictions, config.beta()).get(0);
  }

  /**
   * Every term as a scalar NDArray: NDList(total, elements, coordinates, lattice, KL,
   * property).
   *
   * @param klWeight the KL weight in force (β times the warm-up factor)
   */
  NDList terms(NDList labels, NDList predictions, double klWeight) {
    NDArray x = labels.get(0);
    NDArray c = labels.get(1);
    NDArray known = labels.get(2);
    long b = x.getShape().get(0);
    int channels = elementClasses + 3;
    NDArray lattice = x.get(":, 0:6");
    NDArray sites = x.get(":, 6:" + (6 + maxSites * channels)).reshape(b, maxSites, channels);
    NDArray onehot = sites.get(":, :, 0:" + elementClasses);
    NDArray coords = sites.get(":, :, " + elementClasses + ":" + channels);
    NDArray occupied = onehot.get(":, :, 0:1").neg().add(1);

    NDArray mu = predictions.get(0);
    NDArray logVar = predictions.get(1);
    NDArray muP = predictions.get(2);
    NDArray logVarP = predictions.get(3);
    NDArray latticeHat = predictions.get(4);
    NDArray logits = predictions.get(5);
    NDArray coordsHat = predictions.get(6);
    NDArray props = predictions.get(7);

    NDArray elements = onehot.mul(logits.logSoftmax(2)).sum(new int[] {1, 2}).neg().mean();
    NDArray d = coordsHat.sub(coords);
    d = d.sub(d.round());
    NDArray coordinates = d.square().mul(occupied).sum(new int[] {1, 2}).mean();
    NDArray latticeLoss = latticeHat.sub(lattice).square().sum(new int[] {1}).mean();
    NDArray kl = logVarP.sub(logVar)
        .add(logVar.exp().add(mu.sub(muP).square()).mul(logVarP.neg().exp()))
        .sub(1).sum(new int[] {1}).mul(0.5f).mean();
    NDArray property = props.sub(c).square().mul(known).sum(new int[] {1}).mean();
    NDArray total = elements.mul((float) config.elementWeight())
        .add(coordinates.mul((float) config.coordinateWeight()))
        .add(latticeLoss.mul((float) config.latticeWeight()))
        .add(kl.mul((float) klWeight))
        .add(property.mul((float) config.propertyWeight()));
    return new NDList(total, elements, coordinates, latticeLoss, kl, property);
  }
}
