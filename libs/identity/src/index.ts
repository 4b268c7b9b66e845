/**
 * Sign-in's secrets (no framework, no HTTP): the credential store in SQLite, passwords hashed
 * with argon2id and checked against a policy, the lock-out, set-up links, sessions and personal
 * API tokens. The directory of people (who someone is, what rights they hold) stays in the
 * event log; what is here is only ever a hash of a secret, its expiry and its last use.
 */
export * from './credential-store';
export * from './identity-clock';
export * from './identity-settings';
export * from './invitations';
export * from './password-hasher';
export * from './password-policy';
export * from './password-sign-in';
export * from './personal-tokens';
export * from './secrets';
export * from './sessions';
