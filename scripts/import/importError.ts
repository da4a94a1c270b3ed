/** Bad input to the import as a whole (arguments, mapping, file): one line for the user, nothing stored. */
export class ImportError extends Error {
  override name = 'ImportError';
}
