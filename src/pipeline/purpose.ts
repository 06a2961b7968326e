/** How a message's reference (what it stands for: an event id, a poll's slot) is written in the outbox. */
export interface RefCodec<T> {
  encode(ref: T): string;
  /** Undefined for a reference this codec did not write (a row from an older version). */
  decode(text: string | undefined): T | undefined;
}

/**
 * What a queued message is for, and the type of its reference: the feature that queues it and the
 * hook that learns its event id share this one value, so neither splits strings by hand.
 */
export interface Purpose<T> {
  readonly name: string;
  readonly ref: RefCodec<T>;
}

export function definePurpose<T>(name: string, ref: RefCodec<T>): Purpose<T> {
  return { name, ref };
}

/** A record's numeric id. */
export const idRef: RefCodec<number> = {
  encode: (id) => String(id),
  decode: (text) => (text === undefined || !/^\d+$/.test(text) ? undefined : Number(text)),
};

/** The `purpose` and `purposeRef` fields of an outbox row, for `ref`. */
export function queuedFor<T>(purpose: Purpose<T>, ref: T): { purpose: string; purposeRef: string } {
  return { purpose: purpose.name, purposeRef: purpose.ref.encode(ref) };
}
