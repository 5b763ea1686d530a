// @dropout/data/node: the Node extras — CIFAR-10 folders on disk, the verified downloader.
// Everything browser-safe (readers, preprocessing, MNIST) is in the main entry.
export { loadCifar10, getCifar10Data } from './cifar/load-cifar10.js';
export type { Cifar10Options } from './cifar/load-cifar10.js';
export { findCifar10, fetchCommand } from './cifar/find-cifar10.js';
export type { Cifar10Location } from './cifar/find-cifar10.js';
export { fetchCifar10, checkFetchedCopy } from './fetch/fetch-cifar10.js';
export type { FetchCifar10Options, FetchCifar10Result } from './fetch/fetch-cifar10.js';
export { OfflineError, ChecksumError, DOWNLOAD_DEFAULTS } from './fetch/download.js';
export type { ProgressCallback } from './fetch/download.js';
export { FetchDirError } from './fetch/dir-error.js';
