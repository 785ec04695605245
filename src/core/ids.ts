import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7, generated on the tablet so records can be created offline. */
export function newId(): string {
  return uuidv7();
}
