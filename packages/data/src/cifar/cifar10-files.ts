// The names and sums of the official CIFAR-10 distributions (https://www.cs.toronto.edu/~kriz/cifar.html).

/** The two official CIFAR-10 distributions this package reads. */
export type Cifar10Format = 'bin' | 'py';

/** Folder name each official archive extracts to. */
export const CIFAR10_FOLDERS: Record<Cifar10Format, string> = { bin: 'cifar-10-batches-bin', py: 'cifar-10-batches-py' };

/** Batch files of each format, in the fixed order used for loading and hashing (5 training, then test). */
export const CIFAR10_BATCH_FILES: Record<Cifar10Format, readonly string[]> = {
  bin: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'],
  py: ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'],
};

/** The class-name file of each format. */
export const CIFAR10_META_FILES: Record<Cifar10Format, string> = { bin: 'batches.meta.txt', py: 'batches.meta' };

/** The official archives and their published MD5 sums. */
export const CIFAR10_ARCHIVES: Record<Cifar10Format, { url: string; md5: string; file: string }> = {
  bin: { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530', file: 'cifar-10-binary.tar.gz' },
  py: { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz', md5: 'c58f30108f718f92721af3b95e74349a', file: 'cifar-10-python.tar.gz' },
};

/** Records in each official batch file. */
export const CIFAR10_BATCH_RECORDS = 10000;

/** The standard CIFAR-10 class names, used when the meta file is absent. */
export const CIFAR10_CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
