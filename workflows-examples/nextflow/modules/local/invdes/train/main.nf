/*
 * INVDES_TRAIN: trains the conditional VAE on a dataset CSV (`invdes train`).
 *
 * input   meta, data      a map with at least `id`; the dataset CSV (id, cif, property columns)
 *         properties      the property columns to condition on, comma-separated (e.g. 'heat_ref')
 *         seed            seed of every random step (same seed, same model at 1 thread)
 * output  model           meta, the model directory (weights + manifest.json)
 *         summary         meta, train.json (what `invdes train` prints: rows, epochs, losses)
 *         versions        versions.yml
 * ext.args                further `invdes train` options (--epochs, --latent, --hidden, ...)
 */
process INVDES_TRAIN {
  tag "${meta.id}"
  label 'process_medium'

  input:
  tuple val(meta), path(data)
  val properties
  val seed

  output:
  tuple val(meta), path('model'),      emit: model
  tuple val(meta), path('train.json'), emit: summary
  path 'versions.yml',                 emit: versions

  when:
  task.ext.when == null || task.ext.when

  script:
  def args = task.ext.args ?: ''
  """
  invdes train \\
    --data ${data} \\
    --properties ${properties} \\
    --seed ${seed} \\
    --threads ${task.cpus} \\
    --quiet \\
    ${args} \\
    --out model > train.json

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """

  stub:
  """
  mkdir model
  touch model/manifest.json
  echo '{}' > train.json

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """
}
