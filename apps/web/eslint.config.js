export { default } from '@dropout/eslint-config';
