import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { defineCommand, reply, type Command } from "../../src/dispatch/command.ts";
import { welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { Markdown } from "../../src/render/markdown.ts";
import { dispatching, ROOM, textMessage } from "../support/dispatching.ts";


/** Markdown whose rendering fails as marked did on deep nesting: with a RangeError. */
function unrenderable(): Markdown {
  return Object.defineProperty(Object.create(Markdown.prototype), "source", {
    get: () => {
      throw new RangeError("Maximum call stack size exceeded");
    },
  }) as Markdown;
}

function setup(commands: readonly Command[]) {
  const { stores, lines, handle } = dispatching({ commands });
  /** A member's command, handled as the inbox does; the bodies of the replies queued. */
  let last = "";
  const say = async (sender: string, body: string): Promise<string[]> => {
    const command = textMessage(sender, body);
    last = command.event_id;
    return (await handle(command)).map((queued) => queued.body);
  };
  return { stores, say, lines, lastCommand: () => last };
}

describe("Dispatcher: a reply that cannot be rendered", () => {
  it("gets the usual apology, and the command's changes are rolled back", async () => {
    const breaking = defineCommand({
      names: { fr: ["casser"], en: ["break"] },
      group: "general",
      summary: { fr: "casse", en: "breaks" },
      args: [],
      permission: "member",
      execute({ stores, room }) {
        stores.roomSettings.set(room.roomId, welcomeTextSetting, "changé");
        return reply(unrenderable());
      },
    });
    const { stores, say, lines, lastCommand } = setup([breaking]);
    const [apology, ...others] = await say("@camille:x", "!casser");
    expect(apology).toMatch(/^Oups, quelque chose s'est mal passé de mon côté et rien n'a été modifié\. L'équipe du centre peut retrouver l'incident avec la référence [0-9a-f]{8}\.$/u);
    expect(others).toEqual([]);
    expect(stores.roomSettings.get(ROOM, welcomeTextSetting)).toBeNull();
    expect(lines.some((line) => line.includes("command failed") && line.includes("RangeError"))).toBe(true);
    expect(stores.inbound.outcomeOf(lastCommand())).toBe("error");
  });

  it("of a FAQ answer stored nested too deeply, before such answers were refused: answered all the same", async () => {
    const { stores, say } = setup(allCommands);
    stores.onboarding.faq.add(ROOM, "Où est le pad ?", `${">".repeat(3_990)} Dans les documents`, "@modo:x", 0);
    const [answer, ...others] = await say("@camille:x", "!faq pad");
    expect(answer).toContain("n°1 · Où est le pad ?");
    expect(answer).toContain(`${">".repeat(3_990)} Dans les documents`);
    expect(others).toEqual([]);
  });
});
