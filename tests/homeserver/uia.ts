// User-interactive authentication for an already logged-in user (spec: "User-Interactive
// Authentication API"), as Synapse 1.67's validate_user_via_ui_auth and check_ui_auth do it
// (synapse/handlers/auth.py): the only stage is m.login.password (every account here has a
// password). `ui_auth.session_timeout` defaults to 0, so `can_skip_ui_auth` never skips: every
// call authenticates again. Not modelled: the failed-attempts rate limiter (rc_login.failed_attempts).
import type { Accounts, Session } from "./accounts.ts";
import { MatrixError, forbidden } from "./errors.ts";
import type { JsonReply } from "./http.ts";
import { randomLetters } from "./ids.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

const PASSWORD = "m.login.password";

interface UiaSession {
  readonly uri: string;
  readonly method: string;
  clientDict: JsonObject;
  /** Completed stage → the user it authenticated. */
  readonly completed: Map<string, string>;
}

/** Either the request's parameters (auth done), or the 401 to answer. */
export type UiaOutcome = { readonly params: JsonObject } | { readonly challenge: JsonReply };

export class UiaSessions {
  private readonly sessions = new Map<string, UiaSession>();

  constructor(private readonly accounts: Accounts) {}

  /**
   * `body` is the request body; its `auth` is the client's answer. A session keeps the first
   * call's parameters, so later calls may send only `auth` (Synapse reuses the stored client dict).
   */
  validate(requester: Session, method: string, uri: string, body: JsonObject): UiaOutcome {
    const { auth: authValue, ...clientDict } = body;
    const auth = isJsonObject(authValue) ? authValue : {};
    const sessionId = typeof auth["session"] === "string" && auth["session"] !== "" ? auth["session"] : undefined;
    let id: string;
    let session: UiaSession;
    if (sessionId === undefined) {
      id = randomLetters(24);
      session = { uri, method, clientDict, completed: new Map() };
      this.sessions.set(id, session);
    } else {
      const known = this.sessions.get(sessionId);
      if (!known) throw new MatrixError(400, "M_UNKNOWN", `Unknown session ID: ${sessionId}`);
      if (known.uri !== uri || known.method !== method) {
        throw new MatrixError(403, "M_UNKNOWN", "Requested operation has changed during the UI authentication session.");
      }
      if (Object.keys(clientDict).length > 0) known.clientDict = clientDict;
      id = sessionId;
      session = known;
    }
    const flows = { session: id, flows: [{ stages: [PASSWORD] }], params: {} };
    if (Object.keys(auth).length === 0) return { challenge: { status: 401, json: flows } };

    let stageError: JsonObject = {};
    if ("type" in auth) {
      try {
        const stage = this.checkStage(auth);
        session.completed.set(stage.type, stage.userId);
      } catch (error) {
        if (!(error instanceof StageFailed)) throw error;
        // Synapse merges a failed stage's error into the 401 so the client can try again.
        stageError = { errcode: error.errcode, error: error.message };
      }
    }
    const validatedUser = session.completed.get(PASSWORD);
    if (validatedUser === undefined) {
      return { challenge: { status: 401, json: { ...flows, completed: [...session.completed.keys()], ...stageError } } };
    }
    if (validatedUser !== requester.userId) throw forbidden("Invalid auth");
    return { params: structuredClone(session.clientDict) };
  }

  /** Synapse's checkers: m.login.dummy always passes; m.login.password is validate_login. */
  private checkStage(auth: JsonObject): { type: string; userId: string } {
    const type = auth["type"];
    if (type === "m.login.dummy") return { type, userId: "" };
    if (typeof type !== "string") throw new MatrixError(400, "M_INVALID_PARAM", "Bad parameter: type");
    if (type !== PASSWORD) throw new MatrixError(400, "M_UNKNOWN", `Unknown login type ${type}`);
    const password = auth["password"];
    if (typeof password !== "string") throw new MatrixError(400, "M_INVALID_PARAM", "Bad parameter: password");
    const userId = this.identifiedUser(auth);
    const account = this.accounts.get(userId.toLowerCase());
    if (!account || account.password !== password) throw new StageFailed("M_FORBIDDEN", "Invalid username or password");
    return { type, userId: account.userId };
  }

  /** Synapse's convert_client_dict_legacy_fields_to_identifier, for m.id.user. */
  private identifiedUser(auth: JsonObject): string {
    const legacyUser = auth["user"];
    const identifier = typeof legacyUser === "string" && legacyUser !== "" ? { type: "m.id.user", user: legacyUser } : auth["identifier"];
    if (!isJsonObject(identifier) || Object.keys(identifier).length === 0) {
      throw new MatrixError(400, "M_INVALID_PARAM", "Invalid login submission");
    }
    if (!("type" in identifier)) throw new MatrixError(400, "M_MISSING_PARAM", "'identifier' dict has no key 'type'");
    if (identifier["type"] !== "m.id.user") throw new MatrixError(400, "M_UNKNOWN", "Unknown login identifier type");
    const user = identifier["user"];
    if (typeof user !== "string" || user === "") throw new MatrixError(400, "M_UNKNOWN", "User identifier is missing 'user' key");
    return user.startsWith("@") ? user : this.accounts.userIdFor(user);
  }
}

/** A stage that failed the way Synapse's LoginError does: reported inside the 401, not instead of it. */
class StageFailed extends Error {
  constructor(
    readonly errcode: string,
    message: string,
  ) {
    super(message);
  }
}
