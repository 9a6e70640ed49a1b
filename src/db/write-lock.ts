/**
 * The advisory lock every write to the evidence holds until it commits (src/bundle/import.ts
 * lockWrites): writes are serial, so a check, or a recomputation of derived figures, sees every
 * earlier write committed.
 */
export const WRITE_LOCK = 0x6b62696d; // "kbim"
