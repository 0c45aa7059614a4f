// What every answer to bad input must look like: a result, or a clear error that names what is wrong.
// Returns the problem in words (for the failure message), or undefined when the answer is fine.

export function resultProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return `not an object: ${String(result)}`;
  const { ok, error, data } = result as { ok?: unknown; error?: { code?: unknown; message?: unknown; issues?: unknown }; data?: unknown };
  if (ok === true) return data === undefined ? 'ok without data' : undefined;
  if (ok !== false) return `ok is ${String(ok)}`;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message.trim() === '') return `error without code and message: ${JSON.stringify(error)}`;
  if (error.code === 'internal') return `internal error: ${error.message}`;
  if (error.code === 'invalid_input') {
    const issues = error.issues as { field?: unknown; message?: unknown }[] | undefined;
    if (!Array.isArray(issues) || issues.length === 0) return `invalid_input without issues: ${error.message}`;
    const unnamed = issues.filter((issue) => typeof issue.field !== 'string' || issue.field === '' || !error.message!.toString().includes(issue.field));
    if (unnamed.length > 0) return `invalid_input whose message names no field: ${error.message.slice(0, 300)}`;
  }
  return undefined;
}
