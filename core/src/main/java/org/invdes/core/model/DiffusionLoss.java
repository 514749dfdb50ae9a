package org.invdes.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The training loss of the diffusion generator. With labels {@code NDList(ε_l [B, 6], σ_t·∇ln p
 * [B, N, 3], y_a [B, N, A], mask [B, N])} and the predictions of {@link DiffusionBlock}, {@code
 * NDList(ε̂_l, ŝ, o_a)}:
 *
 * <pre>
 *   total = w_l · mean (ε̂_l − ε_l)²
 *         + w_f · Σ mask · (ŝ − σ_t ∇ln p)² / (3 Σ mask)
 *         + w_a · type term
 * </pre>
 *
 * where ∇ln p is the wrapped-normal score of the coordinate noise ({@link WrappedNormal}); the
 * network predicting σ_t times the score makes the second term the σ²-weighted score matching of
 * DiffCSP. The type term depends on {@link DiffusionConfig#typeLoss()}:
 *
 * <ul>
 *   <li>{@link DiffusionConfig.TypeLoss#EPSILON}: y_a is the type noise ε_a and the term is Σ mask ·
 *       (o_a − ε_a)² / (A Σ mask), the mean squared error per type channel;
 *   <li>{@link DiffusionConfig.TypeLoss#CROSS_ENTROPY}: y_a is the clean one-hot a₀ and o_a are
 *       logits; the term is −Σ mask · Σ_c a₀,c ln softmax(o_a)_c / Σ mask, the cross-entropy in
 *       nats per atom;
 *   <li>{@link DiffusionConfig.TypeLoss#MASKED}: y_a is the clean one-hot of the hidden atoms
 *       (zero rows for the visible ones); the term is the cross-entropy per hidden atom,
 *       −Σ mask · Σ_c y_a,c ln softmax(o_a)_c / max(1, Σ y_a).
 * </ul>
 *
 * Sums run over the batch; padding rows do not count.
 */
final class DiffusionLoss extends Loss {
  private final float latticeWeight;
  private final float coordinateWeight;
  private final float typeWeight;
  private final DiffusionConfig.TypeLoss typeLoss;

  DiffusionLoss(DiffusionConfig config) {
    super("DiffusionLoss");
    this.latticeWeight = (float) config.latticeWeight();
    this.coordinateWeight = (float) config.coordinateWeight();
    this.typeWeight = (float) config.typeWeight();
    this.typeLoss = config.typeLoss();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return terms(labels, predictions).get(0);
  }

  /** NDList(total, lattice, coordinates, types), scalars, each weighted. */
  NDList terms(NDList labels, NDList preds) {
    NDArray mask = labels.get(3);
    NDArray atoms = Scalars.maximum(mask.sum(), 1);
    long a = labels.get(2).getShape().get(2);
    NDArray lattice = Scalars.mul(preds.get(0).sub(labels.get(0)).square().mean(), latticeWeight);
    NDArray m = mask.expandDims(-1);
    NDArray coords = Scalars.mul(preds.get(1).sub(labels.get(1)).square().mul(m).sum()
        .div(Scalars.mul(atoms, 3)), coordinateWeight);
    NDArray types;
    if (typeLoss == DiffusionConfig.TypeLoss.MASKED) {
      // labels are the one-hot rows of the hidden atoms only (zero rows elsewhere)
      NDArray hidden = Scalars.maximum(labels.get(2).mul(m).sum(), 1);
      types = Scalars.mul(preds.get(2).logSoftmax(2).mul(labels.get(2)).mul(m).sum().neg()
          .div(hidden), typeWeight);
    } else if (typeLoss == DiffusionConfig.TypeLoss.CROSS_ENTROPY) {
      types = Scalars.mul(preds.get(2).logSoftmax(2).mul(labels.get(2)).mul(m).sum().neg()
          .div(atoms), typeWeight);
    } else {
      types = Scalars.mul(preds.get(2).sub(labels.get(2)).square().mul(m).sum()
          .div(Scalars.mul(atoms, a)), typeWeight);
    }
    return new NDList(lattice.add(coords).add(types), lattice, coords, types);
  }
}
