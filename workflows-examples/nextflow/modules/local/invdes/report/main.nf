/*
 * INVDES_REPORT: one self-contained report.html of the run (`invdes report`): settings, the
 * validity and stability funnel, property histograms, the top candidates as 3-D unit cells.
 *
 * input   meta, candidates, rejected, metrics   the filter's two tables and the metrics JSON
 *         train                                 the training CSV (for the histograms)
 * output  report     meta, report.html
 *         versions   versions.yml
 * ext.args           further `invdes report` options (--property, --target, ...)
 */
process INVDES_REPORT {
  tag "${meta.id}"
  label 'process_single'

  input:
  tuple val(meta), path(candidates), path(rejected), path(metrics)
  path train

  output:
  tuple val(meta), path('report.html'), emit: report
  path 'versions.yml',                  emit: versions

  when:
  task.ext.when == null || task.ext.when

  script:
  def args = task.ext.args ?: ''
  """
  invdes report \\
    --candidates ${candidates} \\
    --rejected ${rejected} \\
    --train ${train} \\
    --metrics ${metrics} \\
    ${args} \\
    --out report.html

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """

  stub:
  """
  echo '<!DOCTYPE html><title>invdes report (stub)</title>' > report.html

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """
}
