/**
 * The size of the pieces the scanners read a file in (text, PDF names). A marker or a name may
 * fall across two pieces: each scanner keeps an overlap, and the tests place markers across
 * this boundary on purpose.
 */
export const SCAN_CHUNK_BYTES = 256 * 1024;
