/**
 * An edit (spec: "Event replacements"): the full new content under m.new_content, a fallback
 * body marked with "* " for clients without edits, and no new mentions (an edit pings nobody).
 */
export function editContent(originalEventId: string, newContent: Record<string, unknown>): Record<string, unknown> {
  const fallback: Record<string, unknown> = { ...newContent, "m.mentions": {} };
  if (typeof newContent["body"] === "string") fallback["body"] = `* ${newContent["body"]}`;
  if (typeof newContent["formatted_body"] === "string") fallback["formatted_body"] = `* ${newContent["formatted_body"]}`;
  return {
    ...fallback,
    "m.new_content": { ...newContent, "m.mentions": {} },
    "m.relates_to": { rel_type: "m.replace", event_id: originalEventId },
  };
}
