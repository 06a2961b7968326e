import { plainText } from "../i18n/catalog.ts";
import { memberName } from "../matrix/display-names.ts";
import { DateTime } from "luxon";
import { renderMessage } from "../render/render-message.ts";
import { isoTime, type ErasureEffect, type MemberScope, type PersonalDataPart, type PrivacyTextContext } from "./personal-data.ts";

/** Names the file format, so a member (or a tool) knows what they hold. */
export const EXPORT_FORMAT = "fr.chatons.minou.personal-data";
export const EXPORT_VERSION = 1;

export interface ExportFile {
  readonly filename: string;
  readonly data: Buffer;
}

/**
 * Everything Minou keeps about a member, as pretty-printed UTF-8 JSON: a header, what each
 * section means (the `!vie-privée` paragraphs), then each feature's section under its key.
 */
export function exportMemberData(scope: MemberScope, parts: readonly PersonalDataPart[], context: PrivacyTextContext & { readonly centreName: string }): ExportFile {
  const content: Record<string, unknown> = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    centre: context.centreName,
    member: scope.userId,
    // As Element shows them in a room Minou shares with them (their Matrix ID when none).
    name: memberName(scope.stores, [], scope.userId),
    exportedAt: isoTime(scope.now, scope.timeZone),
    readMe: Object.fromEntries(parts.map((part) => [part.key, renderMessage(part.describe(context)).body])),
  };
  for (const part of parts) content[part.key] = part.collect(scope);
  const day = DateTime.fromMillis(scope.now, { zone: scope.timeZone }).toISODate() ?? "";
  return {
    filename: plainText(context.language, "privacy.mesDonnees.filename", { day }),
    data: Buffer.from(`${JSON.stringify(content, null, 2)}\n`, "utf8"),
  };
}

/** What erasing would do, part by part, changing nothing. */
export function previewErasure(scope: MemberScope, parts: readonly PersonalDataPart[]): ErasureEffect[] {
  return parts.flatMap((part) => part.preview(scope)).filter((effect) => effect.count > 0);
}

/** Erases the member's data in every part; the caller's transaction makes it all or nothing. */
export function eraseMemberData(scope: MemberScope, parts: readonly PersonalDataPart[]): ErasureEffect[] {
  return scope.stores.transaction(() => parts.flatMap((part) => part.erase(scope))).filter((effect) => effect.count > 0);
}
