// Imported first by main.js (so it runs before the suites): the backend list the suites read
// as process.env.DROPOUT_BACKENDS under Vitest (build-page.js defines it to this global). A
// module, not an inline script, so the page also runs under a Content-Security-Policy.
const query = new URLSearchParams(location.search);
globalThis.__DROPOUT_BACKENDS__ = query.get('backend') || 'cpu32';
/** True when the page is served under the test's Content-Security-Policy (?csp=1). */
globalThis.__DROPOUT_CSP__ = query.get('csp') === '1';
