/*
 * INVDES_FILTER: keeps the plausible candidates (`invdes filter`): geometric validity, covalent
 * distances, charge balance, energy above the hull of the reference, duplicates, known structures.
 *
 * input   meta, samples   the merged samples CSV
 *         reference       reference entries for the hull and novelty (the training CSV), or []
 * output  candidates      meta, candidates.csv (kept rows with one score column per check)
 *         rejected        meta, rejected.csv (the other rows, with their reason)
 *         log             meta, filter.log (counts and warnings)
 *         versions        versions.yml
 * ext.args                further `invdes filter` options (--energy-property, --ehull-max, ...)
 */
process INVDES_FILTER {
  tag "${meta.id}"
  label 'process_medium'

  input:
  tuple val(meta), path(samples)
  path reference

  output:
  tuple val(meta), path('candidates.csv'), emit: candidates
  tuple val(meta), path('rejected.csv'),   emit: rejected
  tuple val(meta), path('filter.log'),     emit: log
  path 'versions.yml',                     emit: versions

  when:
  task.ext.when == null || task.ext.when

  script:
  def args = task.ext.args ?: ''
  def ref = reference ? "--reference ${reference}" : ''
  """
  invdes filter \\
    --in ${samples} \\
    ${ref} \\
    --threads ${task.cpus} \\
    ${args} \\
    --out candidates.csv \\
    --rejected rejected.csv 2> filter.log || { cat filter.log >&2; exit 1; }
  cat filter.log >&2

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """

  stub:
  """
  head -n 1 ${samples} > candidates.csv
  head -n 1 ${samples} > rejected.csv
  touch filter.log

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """
}
