// The one copy of the Python-style formatters lives in @dropout/run-record (shared with the report);
// the notebook cells import it from here until they move to packages/notebook.
export { pyFloat, pyExp, pyNumber, pyShape, pyPrint } from '@dropout/run-record';
