/** What sign-in says, in one place, so the same refusal always reads the same. */
export const SIGN_IN_MESSAGES = {
  wrongEmailOrPassword: 'The email or password is not right. Check them and try again.',
  deactivated: 'Your account has been deactivated, so you cannot sign in: ask an administrator if you need it again.',
  notInDirectory: 'You are not in the directory of people any more: ask an administrator.',
  locked: (seconds: number) =>
    `Too many wrong passwords for this account: it is locked for now. Try again in ${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}, or ask an administrator for a reset link.`,
  sessionEnded: 'Your session has ended (signed out, idle for too long, or past its time limit): sign in again.',
  noSession: 'You are not signed in: sign in with your email and password.',
  csrf: 'This change was refused because it did not carry the page\u2019s X-CSRF-Token header: reload the page and try again.',
  tokenNotValid: 'The token is not valid.',
  noRole: 'You hold no role yet, so there is nothing here you may see: ask an administrator to grant you one.',
} as const;
