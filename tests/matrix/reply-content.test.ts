import { describe, expect, it } from "vitest";
import { canMentionRoom, parsePowerLevels } from "../../src/matrix/power-levels.ts";
import { noticeContent, notifyingContent } from "../../src/matrix/reply-content.ts";
import { md, userPill } from "../../src/render/markdown.ts";
import { renderMessage } from "../../src/render/render-message.ts";

describe("message content: notices stay quiet, notifying messages name whom they ping", () => {
  it("a notifying message is an m.text with the mention in m.mentions and, by display name, in the body", () => {
    const text = md`⏰ Rappel : ${userPill("@camille:x", "Camille <B>")}, ${userPill("@dominique:x")}`;
    expect(notifyingContent(renderMessage(text), { users: ["@camille:x", "@dominique:x", "@camille:x"] })).toEqual({
      msgtype: "m.text",
      body: "⏰ Rappel : Camille <B>, @dominique:x",
      format: "org.matrix.custom.html",
      formatted_body: '<p>⏰ Rappel : <a href="https://matrix.to/#/@camille:x">Camille &lt;B&gt;</a>, <a href="https://matrix.to/#/@dominique:x">@dominique:x</a></p>',
      "m.mentions": { user_ids: ["@camille:x", "@dominique:x"] },
    });
  });

  it("only a room audience keeps \"@room\"; anywhere else it is defused, and a display name holding it is not used", () => {
    const room = notifyingContent(renderMessage(md`@room Fête samedi`), { room: true });
    expect(room).toMatchObject({ body: "@room Fête samedi", "m.mentions": { room: true } });
    const users = notifyingContent(renderMessage(md`${userPill("@troll:x", "@room")} : @ROOM Fête`), { users: ["@troll:x"] });
    expect(users["body"]).toBe("@troll:x : @\u2060ROOM Fête");
    expect(String(users["formatted_body"])).not.toMatch(/@room/iu);
  });

  it("a notice pings nobody and says so with m.notice", () => {
    expect(noticeContent(renderMessage(md`Voici`), { mentions: ["@camille:x"] })).toMatchObject({ msgtype: "m.notice", "m.mentions": { user_ids: ["@camille:x"] } });
  });

  it("reads notifications.room (default 50) to tell whether Minou's @room pings", () => {
    expect(canMentionRoom(parsePowerLevels({ users: { "@minou:x": 50 } }), "@minou:x")).toBe(true);
    expect(canMentionRoom(parsePowerLevels({ users: { "@minou:x": 49 } }), "@minou:x")).toBe(false);
    expect(canMentionRoom(parsePowerLevels({ users: { "@minou:x": 10 }, notifications: { room: 10 } }), "@minou:x")).toBe(true);
    expect(canMentionRoom(parsePowerLevels({ notifications: "broken" }), "@minou:x")).toBe(false);
  });
});
