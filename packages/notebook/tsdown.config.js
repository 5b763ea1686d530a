import { libraryConfig } from '@dropout/tsconfig/tsdown';

// platform 'browser': the page bundles this package; a Node built-in import would fail the build.
export default libraryConfig({ platform: 'browser' });
