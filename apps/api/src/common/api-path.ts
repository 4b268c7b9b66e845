/** Whether a request path is the API's (everything under the global prefix `api`), not the web board's. */
export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');
