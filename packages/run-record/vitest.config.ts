export { default } from '@dropout/vitest-config';
