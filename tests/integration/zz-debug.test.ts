import { it } from "vitest";
import { ENCRYPTED_ROOM } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou } from "../support/scenario.ts";

it("timing", async () => {
  const scenario = await createScenario({ editDebounceSeconds: 1 });
  const { minou, logLines } = await startMinou(scenario);
  const t0 = Date.now();
  const camille = await Member.connect(scenario.homeserver, "camille", { encryption: true });
  const dominique = await Member.connect(scenario.homeserver, "dominique", { encryption: true });
  const sacha = await Member.connect(scenario.homeserver, "sacha", { encryption: true });
  const roomId = await roomWithMinou(scenario, dominique, { name: "Bureau", invite: [camille.userId, sacha.userId], initial_state: ENCRYPTED_ROOM });
  await camille.join(roomId);
  await sacha.join(roomId);
  const mark = Date.now();
  console.log("setup", mark - t0);
  const id = await camille.say(roomId, "!aide");
  console.log("sent", Date.now() - mark);
  await camille.waitForReply(roomId, id, scenario.bot.userId, 20_000);
  console.log("reply", Date.now() - mark);
  const lines = logLines;
  (await import("node:fs")).writeFileSync("/tmp/dbg/log.txt", lines.join("\n"));
  for (const m of [camille, dominique, sacha]) m.stop();
  await minou.stop();
  await scenario.homeserver.close();
}, 60_000);
