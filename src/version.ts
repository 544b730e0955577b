/** Package version, kept in step with package.json (a test checks it). */
export const version = '0.1.0';
