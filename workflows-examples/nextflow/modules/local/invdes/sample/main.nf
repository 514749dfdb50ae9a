/*
 * INVDES_SAMPLE: draws one shard of a sampling run (`invdes sample`).
 *
 * Sampling is shard-invariant: `--seed S --first-index K --n M` gives samples K..K+M-1 (ids
 * `sample-<i>`) of the single run with seed S, so the shards of one run, concatenated in index
 * order under one header, are byte for byte the unsharded `invdes sample --seed S --n TOTAL`.
 *
 * input   meta, model, shard   the model directory; a map [index: i, first: K, n: M]
 *         seed                 the run's seed (the same for every shard)
 * output  samples              meta, shard, samples.shard-NNNN.csv (id, cif, predicted properties)
 *         summary              meta, shard, samples.shard-NNNN.json (counts and warnings)
 *         versions             versions.yml
 * ext.args                     further `invdes sample` options (--target, --elements, ...)
 */
process INVDES_SAMPLE {
  tag "${meta.id} shard ${shard.index}"
  label 'process_low'

  input:
  tuple val(meta), path(model), val(shard)
  val seed

  output:
  tuple val(meta), val(shard), path("${prefix}.csv"),  emit: samples
  tuple val(meta), val(shard), path("${prefix}.json"), emit: summary
  path 'versions.yml',                                 emit: versions

  when:
  task.ext.when == null || task.ext.when

  script:
  def args = task.ext.args ?: ''
  prefix = String.format('samples.shard-%04d', shard.index)
  """
  invdes sample \\
    --model ${model} \\
    --seed ${seed} \\
    --first-index ${shard.first} \\
    --n ${shard.n} \\
    --threads ${task.cpus} \\
    --quiet \\
    ${args} \\
    --out ${prefix}.csv > ${prefix}.json

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """

  stub:
  prefix = String.format('samples.shard-%04d', shard.index)
  // the shard's ids without structures, so that a stub run shows how the shards merge
  """
  echo 'id,cif' > ${prefix}.csv
  for i in \$(seq ${shard.first} ${shard.first + shard.n - 1}); do echo "sample-\$i," >> ${prefix}.csv; done
  echo '{}' > ${prefix}.json

  cat <<-END_VERSIONS > versions.yml
  "${task.process}":
      invdes: \$(invdes version)
  END_VERSIONS
  """
}
