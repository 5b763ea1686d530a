/** The digits in the fixed stratified order, from the mnist package's JSON files. */
export function mnistFromPackage(): { images: Uint8Array; labels: Uint8Array };
/** The mnist.bin bytes for `{ images, labels }`. */
export function encodeMnistAsset(digits: { images: Uint8Array; labels: Uint8Array }): Uint8Array;
export const MAGIC: string;
