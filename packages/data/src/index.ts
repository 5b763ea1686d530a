// Node entry: everything in ./core plus reading folders, downloading and the embedded MNIST.
export * from './core.js';
export { findCifar10, fetchCommand, CIFAR10_FOLDERS, CIFAR10_BATCH_FILES, CIFAR10_META_FILES } from './cifar/find-cifar10.js';
export type { Cifar10Format, Cifar10Location } from './cifar/find-cifar10.js';
export { loadCifar10, getCifar10Data, CIFAR10_CLASS_NAMES } from './cifar/load-cifar10.js';
export type { Cifar10Raw, Cifar10Options } from './cifar/load-cifar10.js';
export { loadMnist, getMnistData, MNIST_EMBEDDED_NAME, MNIST_EMBEDDED_COUNT, MNIST_TEST_POOL } from './mnist/get-mnist-data.js';
export type { MnistRaw } from './mnist/get-mnist-data.js';
export { fetchCifar10, CIFAR10_ARCHIVES } from './fetch/fetch-cifar10.js';
export type { FetchCifar10Options, FetchCifar10Result } from './fetch/fetch-cifar10.js';
export { downloadVerified, OfflineError, ChecksumError } from './fetch/download.js';
export type { ProgressCallback } from './fetch/download.js';
export { extractTarSafely } from './fetch/extract.js';
export { createProgressBar } from './fetch/progress-bar.js';
export { runCli } from './cli/run-cli.js';
export type { CliIo } from './cli/run-cli.js';
