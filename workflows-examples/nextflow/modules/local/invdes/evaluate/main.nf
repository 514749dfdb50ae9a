/*
 * INVDES_EVALUATE: the CDVAE benchmark's generation metrics (`invdes evaluate`) of a generated
 * set: the merged samples, before filtering (as `invdes design` and the benchmark do).
 *
 * input   meta, generated    the generated crystals
 *         reference          the reference (test) crystals
 *         train              the training crystals, for novelty, or []
 * output  metrics            meta, metrics.json
 *         versions           versions.yml
 * ext.args                   further `invdes evaluate` options (--seed, --property, --dataset)
 */
process INVDES_EVALUATE {
  tag "${meta.id}"
  label 'process_low'

  input:
  tuple val(meta), path(generated)
  path reference, stageAs: 'reference/*'
  path train,     stageAs: 'train/*'

  output:
  tuple val(meta), path('metrics.json'), emit: metrics
  path 'versions.yml',                   emit: versions

  when:
  task.ext.when == null || task.ext.when

  script:
  def args = task.ext.args ?: ''
  def novelty = train ? "--train ${train}" : ''
  """
  invdes evaluate \\
    --generated ${generated} \\
    --reference ${reference} \\
    ${novelty} \\
    --threads ${task.cpus} \\
    --json \\
    ${args} \\
    --out metrics.json

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """

  stub:
  """
  echo '{}' > metrics.json

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """
}
