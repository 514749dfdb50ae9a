package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import org.invdes.core.encoding.EncodingConfig;

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
 *   <li>property: Σₚ kₚ (ŷₚ − cₚ)² over the known properties only;
 *   <li>distance: with r₀ = {@link CvaeConfig#minDistance()}, Σ over unordered pairs of
 *       occupied rows of max(0, r₀ − dᵢⱼ)², dᵢⱼ the distance in Å of the decoded coordinates in
 *       the true cell (dᵢⱼ² = δᵀ G δ, δ the fractional difference minus its rounding, G the
 *       cell's metric tensor from the denormalised lengths and angles); plus, when a prior
 *       decoding is given, the same sum over its chosen atoms in its own decoded cell (the cell
 *       taken as fixed: the gradient moves the atoms, not the cell).
 * </ol>
 *
 * total = w_e·elements + w_c·coordinates + w_l·lattice + w_KL·KL + w_p·property
 * + w_d·distance.
 */
final class CvaeLoss extends Loss {
  private final int maxSites;
  private final int elementClasses;
  private final CvaeConfig config;
  private final float[] latticeMean;
  private final float[] latticeScale;

  CvaeLoss(CvaeBlock block, CvaeConfig config, EncodingConfig encoding) {
    super("cvae");
    this.maxSites = block.maxSites();
    this.elementClasses = block.elementClasses();
    this.config = config;
    this.latticeMean = floats(encoding.latticeMean());
    this.latticeScale = floats(encoding.latticeScale());
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** The total with the full β. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return terms(labels, predictions, config.beta(), null).get(0);
  }

  /**
   * Every term as a scalar NDArray: NDList(total, elements, coordinates, lattice, KL,
   * property, distance).
   *
   * @param klWeight the KL weight in force (β times the warm-up factor)
   * @param prior NDList(lattice [B', 6], coordinates [B', N, 3], one-hot elements [B', N, E])
   *     decoded from prior draws, or null
   */
  NDList terms(NDList labels, NDList predictions, double klWeight, NDList prior) {
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
    NDArray kl = Scalars.mul(logVarP.sub(logVar)
        .add(logVar.exp().add(mu.sub(muP).square()).mul(logVarP.neg().exp()))
        .sub(1).sum(new int[] {1}), 0.5).mean();
    NDArray property = props.sub(c).square().mul(known).sum(new int[] {1}).mean();
    NDArray distance = config.distanceWeight() == 0 ? kl.zerosLike()
        : distancePenalty(lattice, coordsHat, occupied.squeeze(2));
    if (prior != null) {
      NDArray chosenOccupied = prior.get(2).get(":, :, 0").neg().add(1);
      distance = distance.add(distancePenalty(prior.get(0).stopGradient(), prior.get(1),
          chosenOccupied.stopGradient()));
    }
    NDArray total = Scalars.mul(elements, config.elementWeight())
        .add(Scalars.mul(coordinates, config.coordinateWeight()))
        .add(Scalars.mul(latticeLoss, config.latticeWeight()))
        .add(Scalars.mul(kl, klWeight))
        .add(Scalars.mul(property, config.propertyWeight()))
        .add(Scalars.mul(distance, config.distanceWeight()));
    return new NDList(total, elements, coordinates, latticeLoss, kl, property, distance);
  }

  /**
   * Mean over rows of Σ over unordered pairs of occupied sites of max(0, r₀ − d)², in Å².
   *
   * @param latticeNorm [B, 6] normalised lattice components
   * @param coords [B, N, 3] raw fractional coordinates
   * @param occupied [B, N] 1 where a site holds an atom
   */
  NDArray distancePenalty(NDArray latticeNorm, NDArray coords, NDArray occupied) {
    NDManager mgr = coords.getManager();
    long b = coords.getShape().get(0);
    int n = maxSites;
    NDArray u = latticeNorm.mul(mgr.create(latticeScale)).add(mgr.create(latticeMean));
    // ln lengths clipped to [−3, 6] (0.05 to 400 Å) so that no cell decoded from a prior draw
    // makes G infinite (0 · ∞ would turn the gradient into NaN)
    NDArray len = u.get(":, 0:3").clip(-3f, 6f).exp();
    NDArray cos = Scalars.mul(u.get(":, 3:6"), Math.PI / 180).cos();
    NDArray g = LatticeTensors.metric(len, cos);
    NDArray d = coords.expandDims(2).sub(coords.expandDims(1)).reshape(b, (long) n * n, 3);
    d = d.sub(d.round());
    NDArray q = LatticeTensors.squaredLengths(d, g);
    // q clipped to [0, 4 r₀²]: beyond 2 r₀ a pair is not penalised, and the clip keeps sqrt's
    // gradient finite at 0 (the 10⁻⁶ Å²) and its argument finite
    float r0 = (float) config.minDistance();
    NDArray dist = q.clip(0f, 4 * r0 * r0).add(1e-6f).sqrt();
    NDArray notSelf = mgr.eye(n).neg().add(1).reshape(1, (long) n * n);
    NDArray pair = occupied.reshape(b, n, 1).mul(occupied.reshape(b, 1, n))
        .reshape(b, (long) n * n).mul(notSelf);
    return Scalars.mul(Scalars.maximum(dist.neg().add(r0), 0).square().mul(pair)
        .sum(new int[] {1}), 0.5).mean();
  }
}
