package org.invdes.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Training behaviour on the tiny made-up perovskite set. */
class CvaeTrainerTest {

  @Test
  void lossDecreasesOverAFewEpochs() {
    List<Structure> data = TinyPerovskites.generate(48, 1);
    List<EpochReport> reports = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void epoch(EpochReport report) {
        reports.add(report);
      }
    };
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), TinyPerovskites.tinyConfig(),
        ProgressMonitor.NONE, listener)) {
      assertEquals(8, reports.size());
      double first = reports.get(0).train().total();
      double last = reports.get(7).train().total();
      // a fixed objective (no warm-up): eight Adam epochs must cut the training loss clearly
      assertTrue(last < 0.7 * first, "first " + first + ", last " + last);
      assertTrue(reports.get(7).validation().elements() < reports.get(0).validation().elements(),
          reports.toString());
      assertEquals(48, model.manifest().inputRows());
      assertEquals(0, model.manifest().skippedRows());
      assertEquals(43 + 5, model.manifest().trainRows() + model.manifest().validationRows());
    }
  }

  @Test
  void latticeCovarianceHoldsWhatTheDecoderLeavesOfTheCellSpread() {
    List<Structure> data = TinyPerovskites.generate(48, 1);
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), TinyPerovskites.tinyConfig(),
        ProgressMonitor.NONE, TrainingListener.NONE)) {
      double[][] sigma = model.manifest().latticeNoise().covariance();
      assertEquals(6, model.manifest().latticeNoise().dimension());
      assertEquals(0, model.manifest().latticeNoise().mean()[0]);
      float[][] x = model.encoder().encodeAll(data);
      for (int i = 0; i < 3; i++) {
        double mean = 0;
        for (float[] row : x) {
          mean += row[i];
        }
        mean /= x.length;
        double spread = 0;
        for (float[] row : x) {
          spread += (row[i] - mean) * (row[i] - mean);
        }
        spread /= x.length;
        // the edge follows from the elements (a = 3.7 Å + 0.06 Å·A + 0.04 Å·B), which the
        // decoder chooses: what is left for the noise is a non-zero part of the spread, and
        // clearly less than all of it even after 8 epochs (a head that ignored z and the
        // elements would leave all of it)
        assertTrue(sigma[i][i] > 0 && sigma[i][i] < 0.8 * spread,
            "ln edge " + i + ": residual variance " + sigma[i][i] + ", data " + spread);
      }
    }
  }

  @Test
  void latentPriorIsFittedToThePosteriorsOfTheTrainingRows() {
    List<Structure> data = TinyPerovskites.generate(48, 1);
    try (CvaeModel model = CvaeTrainer.train(data, List.of("y"), TinyPerovskites.tinyConfig(),
        ProgressMonitor.NONE, TrainingListener.NONE)) {
      MultivariateNormal prior = model.manifest().latentPrior();
      assertEquals(model.latentDim(), prior.dimension());
      // its mean is where the training rows' posteriors are: the mean of their μ (computed
      // here through the model's public posterior, condition hidden)
      float[][] x = model.encoder().encodeAll(data);
      float[][] structure = new float[x.length][];
      for (int i = 0; i < x.length; i++) {
        structure[i] = java.util.Arrays.copyOf(x[i], model.structureSize());
      }
      float[][] none = new float[x.length][1];
      float[][] mu = model.posterior(structure, none, none)[0];
      double[] mean = new double[model.latentDim()];
      for (float[] row : mu) {
        for (int l = 0; l < mean.length; l++) {
          mean[l] += row[l] / mu.length;
        }
      }
      // 43 of the 48 rows are training rows: the means agree to within the spread of 5 rows
      for (int l = 0; l < mean.length; l++) {
        assertEquals(mean[l], prior.mean()[l], 0.25 * Math.sqrt(prior.covariance()[l][l]),
            "latent component " + l);
      }
    }
  }
}
