// Yjs marks the global object when it is loaded and warns when it finds the mark already there ("Yjs was already
// imported"). Jest copies the global-setup process's globals, mark included, into each test file's global, so the
// first import in a test looked like a second one. A test file starts without it: a real second copy still warns.
delete (globalThis as Record<string, unknown>)['__ $YJS$ __'];
