import { describe, expect, it } from "vitest";
import { modifierSession } from "../../../commands/trainings/modifier.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext, FIXED_NOW } from "../../support/command-context.ts";

describe("!formation modifier … places", () => {
  it("refuses a number of places too big to be read exactly, and keeps the session as it was", () => {
    const context = commandContext({ level: "staff" });
    const { trainings } = context.stores.trainings;
    const trainingId = trainings.createTraining("Initiation Nextcloud", null, "@equipe:minou.test", FIXED_NOW);
    const session = trainings.addSession(
      { trainingId, uid: "s1@minou", startsAt: FIXED_NOW + 86_400_000, endsAt: FIXED_NOW + 90_000_000, timeZone: "Europe/Paris", capacity: 10, location: null, confirmationHours: null },
      FIXED_NOW,
    );
    const result = modifierSession.execute(context, { session: session.id, field: "places", value: "99999999999999999999" });
    expect(result.kind).toBe("refusal");
    expect(renderMessage(result.text).body).toBe("Indiquez le nombre de places, par exemple : !formation modifier 1 places 12");
    expect(trainings.session(session.id)?.capacity).toBe(10);
  });
});
