/** The credential store's file in the data directory (the server and `npm run admin:create` share it). */
export const CREDENTIALS_FILE = 'credentials.db';
