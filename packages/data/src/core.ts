// Browser-safe entry (@dropout/data/core): parsers and preprocessing on bytes you already
// have, with no Node built-ins. The main entry adds the file system, network and MNIST.
export type { DatasetIdentity } from './identity.js';
export { unpickle } from './pickle/unpickle.js';
export { PyBytes, PyGlobal, PyDtype, NdArray } from './pickle/values.js';
export type { PyValue } from './pickle/values.js';
export {
  parseCifarBinBatch, parseCifarPyBatch, parseCifarClassNames, CIFAR_IMAGE_BYTES, CIFAR_BIN_RECORD_BYTES,
} from './cifar/cifar-batch.js';
export type { CifarBatch } from './cifar/cifar-batch.js';
export { preprocessSplits } from './preprocess.js';
export type { RawImageSplits, SplitOptions, ImageDataset } from './preprocess.js';
