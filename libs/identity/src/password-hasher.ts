import argon2 from 'argon2';

/**
 * Passwords are kept as argon2id hashes (the library's defaults: 64 MiB, 3 passes, 4 lanes;
 * the parameters are in each hash, so raising them later still verifies old hashes).
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export const argon2idHasher: PasswordHasher = {
  hash: (password) => argon2.hash(password, { type: argon2.argon2id }),
  verify: async (hash, password) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A hash that is not argon2's own (a damaged row) matches nothing.
      return false;
    }
  },
};
