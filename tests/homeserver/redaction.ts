// The redaction algorithm (spec: rooms/v10 uses the v9 rules, rooms/v11 its own): which content
// keys survive a redaction, per event type. Top-level keys are not an issue in the client format.
import type { JsonObject } from "./types.ts";

const KEPT_V10: Record<string, readonly string[]> = {
  "m.room.member": ["membership", "join_authorised_via_users_server"],
  "m.room.create": ["creator"],
  "m.room.join_rules": ["join_rule", "allow"],
  "m.room.power_levels": ["ban", "events", "events_default", "kick", "redact", "state_default", "users", "users_default"],
  "m.room.history_visibility": ["history_visibility"],
};

const KEPT_V11: Record<string, readonly string[]> = {
  ...KEPT_V10,
  "m.room.power_levels": [...(KEPT_V10["m.room.power_levels"] ?? []), "invite"],
  "m.room.redaction": ["redacts"],
};

export function redactContent(roomVersion: string, type: string, content: JsonObject): JsonObject {
  // Room v11: "The m.room.create event now keeps the entire content property."
  if (roomVersion === "11" && type === "m.room.create") return content;
  const kept = (roomVersion === "11" ? KEPT_V11 : KEPT_V10)[type] ?? [];
  const out: JsonObject = {};
  for (const key of kept) {
    if (key in content) out[key] = content[key];
  }
  // v11 keeps only `signed` of a member's third_party_invite.
  const invite = content["third_party_invite"];
  if (roomVersion === "11" && type === "m.room.member" && typeof invite === "object" && invite !== null) {
    const signed = (invite as JsonObject)["signed"];
    if (signed !== undefined) out["third_party_invite"] = { signed };
  }
  return out;
}
