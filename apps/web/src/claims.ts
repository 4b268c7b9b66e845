/**
 * What the page reads from a token, client-side only: the name and role to show, and
 * (through the contract's rules) whether to offer the update forms. The server verifies
 * every request. Unit-tested under Node too.
 */
import { type Claims, claimsFromPayload } from './contract.js';

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, or undefined when it is not one of ours. The signature is not checked here. */
export function decodeClaims(token: string): Claims | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !/^[\w-]+$/.test(parts[1])) return undefined;
  try {
    return claimsFromPayload(JSON.parse(base64UrlDecode(parts[1])) as unknown);
  } catch {
    return undefined;
  }
}

export const isExpired = (claims: Claims, nowMs: number): boolean => claims.exp !== undefined && claims.exp * 1000 <= nowMs;
