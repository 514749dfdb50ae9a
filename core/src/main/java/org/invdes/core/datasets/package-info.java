/**
 * Datasets: the public benchmark datasets (Perov-5, Carbon-24, MP-20) fetched from pinned URLs
 * with checksum verification and a local cache ({@link org.invdes.core.datasets.DatasetCatalog},
 * {@link org.invdes.core.datasets.DatasetFetcher}), and a demo dataset the library generates
 * itself, deterministically and offline ({@link org.invdes.core.datasets.DemoDataset}).
 */
package org.invdes.core.datasets;
