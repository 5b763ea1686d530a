// @dropout/data: the browser-safe main entry (no Node built-ins). CIFAR-10 from bytes you hold
// (batch files or the official .tar.gz, unpacked in memory), the course's preprocessing, and the
// embedded MNIST digits. Reading folders, downloading and the CLI are in @dropout/data/node.
export type { DatasetIdentity } from './identity.js';
export type { BytesSource } from './bytes-source.js';
export { preprocessSplits } from './preprocess.js';
export type { RawImageSplits, SplitOptions, ImageDataset } from './preprocess.js';
export { parseCifarBinBatch, parseCifarPyBatch, parseCifarClassNames, CIFAR_IMAGE_BYTES, CIFAR_BIN_RECORD_BYTES } from './cifar/cifar-batch.js';
export type { CifarBatch } from './cifar/cifar-batch.js';
export { CIFAR10_ARCHIVES, CIFAR10_BATCH_FILES, CIFAR10_FOLDERS, CIFAR10_META_FILES, CIFAR10_CLASS_NAMES, CIFAR10_BATCH_RECORDS } from './cifar/cifar10-files.js';
export type { Cifar10Format } from './cifar/cifar10-files.js';
export { loadCifar10FromBatches, getCifar10DataFromBatches, cifar10Splits } from './cifar/from-batches.js';
export type { Cifar10Raw, Cifar10Batches, Cifar10ReadOptions } from './cifar/from-batches.js';
export { loadCifar10FromArchive, getCifar10DataFromArchive } from './cifar/from-archive.js';
export type { Cifar10ArchiveOptions } from './cifar/from-archive.js';
export { loadMnist, getMnistData, MNIST_EMBEDDED_NAME, MNIST_EMBEDDED_COUNT, MNIST_TEST_POOL } from './mnist/get-mnist-data.js';
export type { MnistRaw } from './mnist/get-mnist-data.js';
