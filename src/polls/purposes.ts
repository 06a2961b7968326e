import { definePurpose, idRef, type RefCodec } from "../pipeline/purpose.ts";

/** A date poll's slot message: its poll and its 1-based position. */
export interface SlotRef {
  readonly pollId: number;
  readonly position: number;
}

const slotRef: RefCodec<SlotRef> = {
  encode: ({ pollId, position }) => `${pollId}:${position}`,
  decode: (text) => {
    const match = /^(\d+):(\d+)$/.exec(text ?? "");
    return match === null ? undefined : { pollId: Number(match[1]), position: Number(match[2]) };
  },
};

/** The native poll (MSC3381) that goes with a poll's summary. */
export const POLL_START = definePurpose("poll.start", idRef);
/** The summary message, edited as votes come in. */
export const POLL_SUMMARY = definePurpose("poll.summary", idRef);
/** One message per slot of a date poll, which members react to. */
export const POLL_SLOT = definePurpose("poll.slot", slotRef);
