// Conformance, with raw HTTP, of registration, login, tokens, errors, profile, account data,
// filters, push rules, capabilities, presence and media. Expectations come from the
// Client-Server spec (registration.yaml, login.yaml, profile.yaml, …), not from an SDK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, RawClient, type ErrorBody } from "./raw-client.ts";

let hs: TestHomeserver;
beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
});
afterAll(() => hs.close());

describe("versions, registration and login", () => {
  it("advertises the spec versions", async () => {
    const res = await new RawClient(hs.url).get<{ versions: string[]; unstable_features: object }>("/_matrix/client/versions");
    expect(res.status).toBe(200);
    expect(res.body.versions).toEqual(expect.arrayContaining(["v1.1", "v1.4", "v1.11", "v1.12"]));
    expect(res.body.unstable_features).toEqual({});
  });

  it("registers through User-Interactive Authentication with a dummy stage", async () => {
    const anonymous = new RawClient(hs.url);
    const first = await anonymous.post<{ flows: unknown; params: unknown; session: string }>("/register", { username: "carol", password: "pw" });
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({ flows: [{ stages: ["m.login.dummy"] }], params: {} });
    expect(typeof first.body.session).toBe("string");

    const second = await anonymous.post("/register", {
      username: "carol",
      password: "pw",
      auth: { type: "m.login.dummy", session: first.body.session },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ user_id: "@carol:minou.test", access_token: expect.any(String), device_id: expect.any(String) });

    const again = await anonymous.post<ErrorBody>("/register", { username: "carol", password: "pw", auth: { type: "m.login.dummy" } });
    expect(again.status).toBe(400);
    expect(again.body.errcode).toBe("M_USER_IN_USE");

    const inhibited = await anonymous.post("/register", { username: "dave", password: "pw", inhibit_login: true, auth: { type: "m.login.dummy" } });
    expect(inhibited.status).toBe(200);
    expect(inhibited.body["user_id"]).toBe("@dave:minou.test");
    expect(inhibited.body).not.toHaveProperty("access_token");

    const invalid = await anonymous.post<ErrorBody>("/register", { username: "Not Valid", password: "pw", auth: { type: "m.login.dummy" } });
    expect([invalid.status, invalid.body.errcode]).toEqual([400, "M_INVALID_USERNAME"]);
  });

  it("logs in with a password, by m.id.user identifier or the legacy user field", async () => {
    await hs.registerUser("erin", "secret");
    const anonymous = new RawClient(hs.url);
    const flows = await anonymous.get("/login");
    expect(flows.body).toEqual({ flows: [{ type: "m.login.password" }] });

    const byIdentifier = await anonymous.post("/login", {
      type: "m.login.password",
      identifier: { type: "m.id.user", user: "erin" },
      password: "secret",
    });
    expect(byIdentifier.status).toBe(200);
    expect(byIdentifier.body).toMatchObject({ user_id: "@erin:minou.test", access_token: expect.any(String), device_id: expect.any(String) });

    const legacy = await anonymous.post("/login", { type: "m.login.password", user: "@erin:minou.test", password: "secret" });
    expect(legacy.status).toBe(200);
    expect(legacy.body["device_id"]).not.toBe(byIdentifier.body["device_id"]);

    const wrong = await anonymous.post<ErrorBody>("/login", { type: "m.login.password", user: "erin", password: "nope" });
    expect([wrong.status, wrong.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
  });

  it("answers whoami and rejects missing or unknown tokens", async () => {
    const alice = await newUser(hs, "alice");
    const whoami = await alice.get("/account/whoami");
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({ user_id: alice.userId, device_id: alice.deviceId });

    const missing = await new RawClient(hs.url).get<ErrorBody>("/account/whoami");
    expect([missing.status, missing.body.errcode]).toEqual([401, "M_MISSING_TOKEN"]);
    const unknown = await new RawClient(hs.url, "not-a-token").get<ErrorBody>("/account/whoami");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ errcode: "M_UNKNOWN_TOKEN", soft_logout: false });
    // The deprecated access_token query parameter still authenticates.
    const byQuery = await new RawClient(hs.url).get(`/account/whoami?access_token=${enc(alice.accessToken ?? "")}`);
    expect(byQuery.body["user_id"]).toBe(alice.userId);
    // The r0 prefix is served too.
    expect((await alice.get("/_matrix/client/r0/account/whoami")).status).toBe(200);
  });

  it("invalidates the token on logout", async () => {
    const frank = await newUser(hs, "frank");
    expect((await frank.post("/logout")).status).toBe(200);
    const after = await frank.get<ErrorBody>("/account/whoami");
    expect([after.status, after.body.errcode]).toEqual([401, "M_UNKNOWN_TOKEN"]);
  });
});

describe("HTTP-level errors", () => {
  it("answers unknown endpoints with M_UNRECOGNIZED: 404 for a path, 405 for a method", async () => {
    const client = await newUser(hs, "gina");
    const unknownPath = await client.get<ErrorBody>("/no/such/endpoint");
    expect([unknownPath.status, unknownPath.body.errcode]).toEqual([404, "M_UNRECOGNIZED"]);
    const wrongMethod = await client.post<ErrorBody>("/account/whoami");
    expect([wrongMethod.status, wrongMethod.body.errcode]).toEqual([405, "M_UNRECOGNIZED"]);
  });

  it("answers OPTIONS pre-flights with 204 and CORS headers on every response", async () => {
    const preflight = await new RawClient(hs.url).request("OPTIONS", "/sync");
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    const versions = await new RawClient(hs.url).get("/_matrix/client/versions");
    expect(versions.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("rejects bodies that are not JSON objects", async () => {
    const client = await newUser(hs, "hugo");
    const notJson = await client.request<ErrorBody>("POST", "/createRoom", { rawBody: "{nope", contentType: "application/json" });
    expect([notJson.status, notJson.body.errcode]).toEqual([400, "M_NOT_JSON"]);
    const notObject = await client.post<ErrorBody>("/createRoom", [1, 2]);
    expect([notObject.status, notObject.body.errcode]).toEqual([400, "M_BAD_JSON"]);
  });
});

describe("profile, account data, filters, presence", () => {
  it("reads and sets the profile, and announces it in joined rooms", async () => {
    const ivy = await newUser(hs, "ivy");
    const roomId = await createRoom(ivy);
    expect((await ivy.get(`/profile/${enc(ivy.userId)}`)).body).toEqual({ displayname: "ivy" });
    expect((await ivy.put(`/profile/${enc(ivy.userId)}/displayname`, { displayname: "Ivy V." })).status).toBe(200);
    expect((await ivy.put(`/profile/${enc(ivy.userId)}/avatar_url`, { avatar_url: "mxc://minou.test/abc" })).status).toBe(200);
    expect((await ivy.get(`/profile/${enc(ivy.userId)}/displayname`)).body).toEqual({ displayname: "Ivy V." });
    expect((await ivy.get(`/profile/${enc(ivy.userId)}`)).body).toEqual({ displayname: "Ivy V.", avatar_url: "mxc://minou.test/abc" });
    expect(hs.stateContent(roomId, "m.room.member", ivy.userId)).toMatchObject({
      membership: "join",
      displayname: "Ivy V.",
      avatar_url: "mxc://minou.test/abc",
    });

    // Synapse (handlers/profile.py, `_update_join_states`) rewrites the member event of every room
    // the user is joined to, not of rooms they left or are only invited to; joined_members follows.
    const noa = await newUser(hs, "noa");
    const [shared, left, invitedOnly] = [await createRoom(ivy), await createRoom(noa), await createRoom(noa)];
    expect((await ivy.post(`/rooms/${enc(shared)}/invite`, { user_id: noa.userId })).status).toBe(200);
    expect((await noa.post(`/rooms/${enc(shared)}/join`, {})).status).toBe(200);
    expect(hs.stateContent(shared, "m.room.member", noa.userId)).toEqual({ membership: "join", displayname: "noa" });
    expect((await noa.post(`/rooms/${enc(left)}/leave`, {})).status).toBe(200);
    expect((await noa.post(`/rooms/${enc(invitedOnly)}/invite`, { user_id: ivy.userId })).status).toBe(200);
    expect((await ivy.put(`/profile/${enc(ivy.userId)}/displayname`, { displayname: "Ivy Vidal" })).status).toBe(200);
    expect(hs.stateContent(roomId, "m.room.member", ivy.userId)).toMatchObject({ membership: "join", displayname: "Ivy Vidal" });
    expect(hs.stateContent(shared, "m.room.member", ivy.userId)).toMatchObject({ membership: "join", displayname: "Ivy Vidal" });
    expect(hs.stateContent(invitedOnly, "m.room.member", ivy.userId)).toMatchObject({ membership: "invite", displayname: "Ivy V." });
    expect((await noa.get(`/rooms/${enc(shared)}/joined_members`)).body).toEqual({
      joined: { [ivy.userId]: { display_name: "Ivy Vidal", avatar_url: "mxc://minou.test/abc" }, [noa.userId]: { display_name: "noa" } },
    });
    expect((await noa.put(`/profile/${enc(noa.userId)}/displayname`, { displayname: "Noa" })).status).toBe(200);
    expect(hs.stateContent(left, "m.room.member", noa.userId)).toEqual({ membership: "leave" });

    const other = await newUser(hs, "jack");
    const forbidden = await other.put<ErrorBody>(`/profile/${enc(ivy.userId)}/displayname`, { displayname: "x" });
    expect([forbidden.status, forbidden.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    const missing = await other.get<ErrorBody>(`/profile/${enc("@nobody:minou.test")}`);
    expect([missing.status, missing.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
  });

  it("stores global and per-room account data for its owner only", async () => {
    const kim = await newUser(hs, "kim");
    const roomId = await createRoom(kim);
    const base = `/user/${enc(kim.userId)}`;
    const absent = await kim.get<ErrorBody>(`${base}/account_data/m.direct`);
    expect([absent.status, absent.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
    expect((await kim.put(`${base}/account_data/fr.chatons.minou`, { a: 1 })).body).toEqual({});
    expect((await kim.get(`${base}/account_data/fr.chatons.minou`)).body).toEqual({ a: 1 });
    expect((await kim.put(`${base}/rooms/${enc(roomId)}/account_data/m.tag`, { tags: {} })).status).toBe(200);
    expect((await kim.get(`${base}/rooms/${enc(roomId)}/account_data/m.tag`)).body).toEqual({ tags: {} });
    // Spec: server-managed types cannot be set through this API.
    const managed = await kim.put<ErrorBody>(`${base}/rooms/${enc(roomId)}/account_data/m.fully_read`, { event_id: "$x" });
    expect([managed.status, managed.body.errcode]).toEqual([405, "M_BAD_JSON"]);
    const other = await newUser(hs, "lea");
    expect((await other.get(`${base}/account_data/fr.chatons.minou`)).status).toBe(403);
    expect((await other.put(`${base}/account_data/fr.chatons.minou`, {})).status).toBe(403);
  });

  it("uploads filters and reads them back", async () => {
    const max = await newUser(hs, "max");
    const filter = { room: { timeline: { limit: 5 } } };
    const created = await max.post<{ filter_id: string }>(`/user/${enc(max.userId)}/filter`, filter);
    expect(created.status).toBe(200);
    expect(typeof created.body.filter_id).toBe("string");
    expect((await max.get(`/user/${enc(max.userId)}/filter/${created.body.filter_id}`)).body).toEqual(filter);
    expect((await max.get(`/user/${enc(max.userId)}/filter/999`)).status).toBe(404);
    const bad = await max.post<ErrorBody>(`/user/${enc(max.userId)}/filter`, { room: { timeline: { limit: "x" } } });
    expect([bad.status, bad.body.errcode]).toEqual([400, "M_BAD_JSON"]);
    const other = await newUser(hs, "nina");
    expect((await other.post(`/user/${enc(max.userId)}/filter`, filter)).status).toBe(403);
  });

  it("accepts presence and reports it", async () => {
    const olga = await newUser(hs, "olga");
    expect((await olga.put(`/presence/${enc(olga.userId)}/status`, { presence: "unavailable", status_msg: "au café" })).body).toEqual({});
    expect((await olga.get(`/presence/${enc(olga.userId)}/status`)).body).toMatchObject({ presence: "unavailable", status_msg: "au café" });
    expect((await olga.put(`/presence/${enc(olga.userId)}/status`, { presence: "dancing" })).status).toBe(400);
  });

  it("serves the default push rules and capabilities", async () => {
    const paul = await newUser(hs, "paul");
    const rules = await paul.get<{ global: Record<string, Array<{ rule_id: string; default: boolean }>> }>("/pushrules/");
    expect(rules.status).toBe(200);
    for (const kind of ["override", "content", "room", "sender", "underride"]) expect(Array.isArray(rules.body.global[kind])).toBe(true);
    expect(rules.body.global["override"]?.map((rule) => rule.rule_id)).toEqual(
      expect.arrayContaining([".m.rule.master", ".m.rule.suppress_notices", ".m.rule.roomnotif"]),
    );
    // Synapse 1.67 predates intentional mentions (conformance-notifications.test.ts has the full list).
    expect(rules.body.global["override"]?.map((rule) => rule.rule_id)).not.toContain(".m.rule.is_user_mention");
    expect(rules.body.global["underride"]?.map((rule) => rule.rule_id)).toContain(".m.rule.message");
    const capabilities = await paul.get("/capabilities");
    expect(capabilities.body).toMatchObject({
      capabilities: { "m.room_versions": { default: "10", available: { "10": "stable", "11": "stable" } } },
    });
  });
});

describe("devices, keys and VoIP", () => {
  it("answers the calls SDKs make at start-up even without end-to-end encryption", async () => {
    const rita = await newUser(hs, "rita");
    const devices = await rita.get<{ devices: Array<{ device_id: string }> }>("/devices");
    expect(devices.body.devices.map((d) => d.device_id)).toEqual([rita.deviceId]);
    expect((await rita.post("/keys/upload", {})).body).toMatchObject({ one_time_key_counts: expect.any(Object) });
    expect((await rita.post("/keys/query", { device_keys: { [rita.userId]: [] } })).body).toMatchObject({
      device_keys: { [rita.userId]: {} },
      failures: {},
    });
    // Synapse without TURN servers configured answers an empty object.
    expect((await rita.get("/voip/turnServer")).body).toEqual({});
  });
});

describe("media", () => {
  it("round-trips an upload through both download endpoints with its content type", async () => {
    const quinn = await newUser(hs, "quinn");
    const upload = await quinn.request<{ content_uri: string }>("POST", "/_matrix/media/v3/upload?filename=agenda.ics", {
      rawBody: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
      contentType: "text/calendar; charset=utf-8",
    });
    expect(upload.status).toBe(200);
    const match = /^mxc:\/\/minou\.test\/(\w+)$/.exec(upload.body.content_uri);
    expect(match).not.toBeNull();
    const mediaId = match?.[1] ?? "";

    const legacy = await new RawClient(hs.url).get<Buffer>(`/_matrix/media/v3/download/minou.test/${mediaId}`);
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(legacy.headers.get("content-disposition")).toBe("attachment; filename*=utf-8''agenda.ics");
    expect(legacy.body.toString()).toBe("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

    const unauthenticated = await new RawClient(hs.url).get<ErrorBody>(`/_matrix/client/v1/media/download/minou.test/${mediaId}`);
    expect([unauthenticated.status, unauthenticated.body.errcode]).toEqual([401, "M_MISSING_TOKEN"]);
    const authenticated = await quinn.get<Buffer>(`/_matrix/client/v1/media/download/minou.test/${mediaId}`);
    expect(authenticated.body.toString()).toContain("VCALENDAR");

    const missing = await quinn.get<ErrorBody>("/_matrix/media/v3/download/minou.test/nothing");
    expect([missing.status, missing.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
    expect((await quinn.get("/_matrix/client/v1/media/config")).body).toEqual({ "m.upload.size": 50 * 1024 * 1024 });
    expect((await new RawClient(hs.url).request("POST", "/_matrix/media/v3/upload", { rawBody: "x" })).status).toBe(401);
  });
});
