import { LogService } from "matrix-bot-sdk";
import { describe, expect, it } from "vitest";
import { routeSdkLogs } from "../../src/matrix/sdk-logging.ts";
import { captureLog } from "../support/capture-log.ts";

describe("matrix-bot-sdk's log lines", () => {
  it("are warnings when a request failed, but not for the 404s that answer Minou's questions", () => {
    const { log, lines } = captureLog("debug");
    routeSdkLogs(log, "debug");
    // What the SDK logs for GET state/m.room.encryption in a room that is not encrypted.
    LogService.error("MatrixHttpClient", "(REQ-7)", { errcode: "M_NOT_FOUND", error: "Event not found." });
    LogService.error("MatrixHttpClient", "(REQ-8)", { errcode: "M_UNKNOWN", error: "Internal server error" });
    expect(lines.find((line) => line.includes("REQ-7"))).toContain("DEBUG");
    expect(lines.find((line) => line.includes("REQ-8"))).toContain("WARN");
  });
});
