#!/usr/bin/env nextflow
/*
 * invdes: inverse design of crystalline materials, as a Nextflow (DSL2) pipeline.
 *
 *   train a conditional VAE on a dataset CSV
 *   -> sample toward the targets, in parallel shards of one seeded run, merged in index order
 *   -> filter the merged samples for plausibility and stability
 *   -> evaluate the samples (CDVAE generation metrics)
 *   -> report (one self-contained report.html)
 *
 * Every step is one `invdes` subcommand; see README.md beside this file for the parameters, the
 * profiles and how the `invdes` command line is found (params.invdes).
 */
nextflow.enable.dsl = 2

include { INVDES_TRAIN    } from './modules/local/invdes/train/main'
include { INVDES_SAMPLE   } from './modules/local/invdes/sample/main'
include { INVDES_FILTER   } from './modules/local/invdes/filter/main'
include { INVDES_EVALUATE } from './modules/local/invdes/evaluate/main'
include { INVDES_REPORT   } from './modules/local/invdes/report/main'

/**
 * The shards of one sampling run of n structures: [index: i, first: K, n: M], consecutive index
 * ranges covering 0..n-1, sizes differing by at most one, no empty shard.
 */
def shardsOf(int n, int shards) {
  def count = Math.min(n, shards)
  def base = n.intdiv(count)
  def extra = n % count
  def first = 0
  (0..<count).collect { i ->
    def size = base + (i < extra ? 1 : 0)
    def shard = [index: i, first: first, n: size]
    first += size
    shard
  }
}

workflow INVDES {
  take:
  ch_data     // channel: [ meta, dataset.csv ]
  reference   // path: the reference (test) crystals for the metrics
  shards      // list of [index, first, n]

  main:
  ch_versions = Channel.empty()

  INVDES_TRAIN(ch_data, params.properties, params.seed)
  ch_versions = ch_versions.mix(INVDES_TRAIN.out.versions)

  INVDES_SAMPLE(INVDES_TRAIN.out.model.combine(Channel.fromList(shards)), params.seed)
  ch_versions = ch_versions.mix(INVDES_SAMPLE.out.versions)

  // the shards of the one run, in index order under one header: byte for byte the unsharded run
  ch_samples = INVDES_SAMPLE.out.samples
    .map { meta, shard, csv -> csv }
    .collectFile(name: 'samples.csv', keepHeader: true, skip: 1, sort: { it.name },
        storeDir: "${params.outdir}/samples")
    .combine(ch_data.map { meta, data -> meta })
    .map { csv, meta -> [meta, csv] }

  ch_train = ch_data.map { meta, data -> data }.first()
  INVDES_FILTER(ch_samples, ch_train)
  ch_versions = ch_versions.mix(INVDES_FILTER.out.versions)

  INVDES_EVALUATE(ch_samples, reference, ch_train)
  ch_versions = ch_versions.mix(INVDES_EVALUATE.out.versions)

  ch_report = Channel.empty()
  if (!params.skip_report) {
    INVDES_REPORT(INVDES_FILTER.out.candidates
        .join(INVDES_FILTER.out.rejected)
        .join(INVDES_EVALUATE.out.metrics), ch_train)
    ch_versions = ch_versions.mix(INVDES_REPORT.out.versions)
    ch_report = INVDES_REPORT.out.report
  }

  // one entry per process (the shards report the same version), sorted: a stable file
  ch_versions_yml = ch_versions
    .map { it.text }
    .unique()
    .collectFile(name: 'versions.yml', sort: true, storeDir: "${params.outdir}/pipeline_info")

  emit:
  model      = INVDES_TRAIN.out.model
  samples    = ch_samples
  candidates = INVDES_FILTER.out.candidates
  rejected   = INVDES_FILTER.out.rejected
  metrics    = INVDES_EVALUATE.out.metrics
  report     = ch_report
  versions   = ch_versions_yml
}

workflow {
  if (!params.input) {
    error "invdes: --input is required: a dataset CSV (id, cif and the property columns)"
  }
  def input = file(params.input)
  if (!input.exists()) {
    error "invdes: --input ${params.input}: no such file"
  }
  def reference = file(params.reference ?: params.input)
  if (!reference.exists()) {
    error "invdes: --reference ${params.reference}: no such file"
  }
  if (!(params.n_samples instanceof Integer) || params.n_samples < 1) {
    error "invdes: --n_samples ${params.n_samples}: give a whole number of at least 1"
  }
  if (!(params.shards instanceof Integer) || params.shards < 1) {
    error "invdes: --shards ${params.shards}: give a whole number of at least 1"
  }
  if (!params.properties) {
    error "invdes: --properties is required: the property columns to condition on, e.g. heat_ref"
  }
  def shards = shardsOf(params.n_samples as int, params.shards as int)
  log.info "invdes: ${params.n_samples} samples in ${shards.size()} shard(s), seed ${params.seed}; " +
      "results in ${params.outdir}"

  INVDES(Channel.of([[id: params.id], input]), reference, shards)
}
