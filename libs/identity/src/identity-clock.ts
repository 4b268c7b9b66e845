/** Where "now" comes from (the server's clock; tests move their own). */
export interface IdentityClock {
  now(): Date;
}
