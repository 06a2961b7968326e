// Conformance, with raw HTTP, of the end-to-end encryption endpoints as Synapse 1.67 answers
// them: keys upload/query/claim, cross-signing with user-interactive auth, signatures, key
// changes, to-device messages and the E2EE fields of /sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, RawClient, secondDevice, txn, type ErrorBody } from "./raw-client.ts";
import { crossSigningKeys, deviceKeys, SigningKey } from "./signing-fixture.ts";

interface E2eeSync {
  next_batch: string;
  to_device?: { events: Array<{ sender: string; type: string; content: Record<string, unknown> }> };
  device_lists?: { changed?: string[]; left?: string[] };
  device_one_time_keys_count: Record<string, number>;
  device_unused_fallback_key_types: string[];
  "org.matrix.msc2732.device_unused_fallback_key_types": string[];
}

interface QueryBody {
  device_keys: Record<string, Record<string, Record<string, unknown>>>;
  failures: Record<string, unknown>;
  master_keys: Record<string, Record<string, unknown>>;
  self_signing_keys: Record<string, Record<string, unknown>>;
  user_signing_keys: Record<string, Record<string, unknown>>;
}

let hs: TestHomeserver;
beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
});
afterAll(() => hs.close());

async function sync(client: RawClient, since?: string, timeout = 0): Promise<E2eeSync> {
  const query = new URLSearchParams({ timeout: String(timeout), ...(since === undefined ? {} : { since }) });
  const res = await client.get<E2eeSync>(`/sync?${query.toString()}`);
  if (res.status !== 200) throw new Error(`sync failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Uploads signed device keys for the client's device; answers the device's signing key. */
async function uploadDeviceKeys(client: RawClient): Promise<SigningKey> {
  const key = SigningKey.generate();
  const res = await client.post("/keys/upload", { device_keys: deviceKeys(client.userId, client.deviceId, key) });
  expect(res.status).toBe(200);
  return key;
}

const otk = (key: string, signer?: SigningKey, userId = "", keyId = "") =>
  signer ? signer.sign({ key }, userId, keyId) : { key };

async function joinedPair(a: string, b: string): Promise<{ alice: RawClient; bob: RawClient; roomId: string }> {
  const alice = await newUser(hs, a);
  const bob = await newUser(hs, b);
  const roomId = await createRoom(alice, { preset: "public_chat" });
  expect((await bob.post(`/rooms/${enc(roomId)}/join`)).status).toBe(200);
  return { alice, bob, roomId };
}

describe("POST /keys/upload", () => {
  it("counts one-time keys, always with signed_curve25519, and accepts an identical re-upload", async () => {
    const ana = await newUser(hs, "ana");
    expect((await ana.post("/keys/upload", {})).body).toEqual({ one_time_key_counts: { signed_curve25519: 0 } });
    const deviceKey = SigningKey.generate();
    const upload = {
      device_keys: deviceKeys(ana.userId, ana.deviceId, deviceKey),
      one_time_keys: { "signed_curve25519:AAAAAQ": otk("k1"), "signed_curve25519:AAAAAg": otk("k2"), "curve25519:AAAAAw": "k3" },
    };
    expect((await ana.post("/keys/upload", upload)).body).toEqual({ one_time_key_counts: { signed_curve25519: 2, curve25519: 1 } });
    // The same keys again (signatures may differ on a one-time key): nothing changes.
    const again = { ...upload, one_time_keys: { "signed_curve25519:AAAAAQ": otk("k1", deviceKey, ana.userId, `ed25519:${ana.deviceId}`) } };
    expect((await ana.post("/keys/upload", again)).body).toEqual({ one_time_key_counts: { signed_curve25519: 2, curve25519: 1 } });
  });

  it("refuses a one-time key ID re-used with other content, with Synapse's message", async () => {
    const ben = await newUser(hs, "ben");
    await ben.post("/keys/upload", { one_time_keys: { "signed_curve25519:AAAAAQ": { key: "old" }, "curve25519:AAAAAg": "plain" } });
    const clash = await ben.post<ErrorBody>("/keys/upload", { one_time_keys: { "signed_curve25519:AAAAAQ": { key: "new" } } });
    expect(clash.status).toBe(400);
    expect(clash.body).toEqual({
      errcode: "M_UNKNOWN",
      error: `One time key signed_curve25519:AAAAAQ already exists. Old key: {"key":"old"}; new key: {'key': 'new'}`,
    });
    const plain = await ben.post<ErrorBody>("/keys/upload", { one_time_keys: { "curve25519:AAAAAg": "other" } });
    expect(plain.body.error).toBe(`One time key curve25519:AAAAAg already exists. Old key: "plain"; new key: 'other'`);
  });
});

describe("POST /keys/query and /keys/claim", () => {
  it("returns device keys with unsigned.device_display_name, all devices for an empty list", async () => {
    const cleo = await newUser(hs, "cleo");
    const login = await new RawClient(hs.url).post<{ access_token: string; device_id: string }>("/login", {
      type: "m.login.password",
      identifier: { type: "m.id.user", user: "cleo" },
      password: "password",
      initial_device_display_name: "Element Desktop",
    });
    const laptop = new RawClient(hs.url, login.body.access_token, cleo.userId, login.body.device_id);
    await uploadDeviceKeys(cleo);
    await uploadDeviceKeys(laptop);
    const all = await cleo.post<QueryBody>("/keys/query", { device_keys: { [cleo.userId]: [], "@nobody:minou.test": [] } });
    expect(all.status).toBe(200);
    expect(Object.keys(all.body.device_keys[cleo.userId] ?? {}).sort()).toEqual([cleo.deviceId, laptop.deviceId].sort());
    expect(all.body.device_keys[cleo.userId]?.[laptop.deviceId]).toMatchObject({
      user_id: cleo.userId,
      device_id: laptop.deviceId,
      unsigned: { device_display_name: "Element Desktop" },
    });
    expect(all.body.device_keys[cleo.userId]?.[cleo.deviceId]?.["unsigned"]).toEqual({});
    expect(all.body.device_keys["@nobody:minou.test"]).toEqual({});
    expect(all.body).toMatchObject({ failures: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} });
    const one = await cleo.post<QueryBody>("/keys/query", { device_keys: { [cleo.userId]: [laptop.deviceId] } });
    expect(Object.keys(one.body.device_keys[cleo.userId] ?? {})).toEqual([laptop.deviceId]);
    const bad = await cleo.post<ErrorBody>("/keys/query", { device_keys: { [cleo.userId]: "all" } });
    expect([bad.status, bad.body.errcode]).toEqual([400, "M_BAD_JSON"]);
  });

  it("claims one-time keys in upload order, then the fallback key, which stays but is no longer unused", async () => {
    const dan = await newUser(hs, "dan");
    const eli = await newUser(hs, "eli");
    await dan.post("/keys/upload", {
      one_time_keys: { "signed_curve25519:B": { key: "b" }, "signed_curve25519:A": { key: "a" } },
      fallback_keys: { "signed_curve25519:F": { key: "f", fallback: true } },
    });
    const initial = await sync(dan);
    expect(initial.device_one_time_keys_count).toEqual({ signed_curve25519: 2 });
    expect(initial.device_unused_fallback_key_types).toEqual(["signed_curve25519"]);
    expect(initial["org.matrix.msc2732.device_unused_fallback_key_types"]).toEqual(["signed_curve25519"]);

    const claim = () => eli.post<{ one_time_keys: Record<string, unknown>; failures: unknown }>("/keys/claim", {
      one_time_keys: { [dan.userId]: { [dan.deviceId]: "signed_curve25519", NOSUCHDEVICE: "signed_curve25519" } },
    });
    const claimed = [await claim(), await claim(), await claim(), await claim()].map((res) => res.body.one_time_keys);
    expect(claimed).toEqual([
      { [dan.userId]: { [dan.deviceId]: { "signed_curve25519:B": { key: "b" } } } },
      { [dan.userId]: { [dan.deviceId]: { "signed_curve25519:A": { key: "a" } } } },
      { [dan.userId]: { [dan.deviceId]: { "signed_curve25519:F": { key: "f", fallback: true } } } },
      { [dan.userId]: { [dan.deviceId]: { "signed_curve25519:F": { key: "f", fallback: true } } } },
    ]);
    const after = await sync(dan, initial.next_batch);
    expect(after.device_one_time_keys_count).toEqual({ signed_curve25519: 0 });
    expect(after.device_unused_fallback_key_types).toEqual([]);
    // A new fallback key (here under the unstable MSC2732 name) is unused again.
    await dan.post("/keys/upload", { "org.matrix.msc2732.fallback_keys": { "signed_curve25519:G": { key: "g", fallback: true } } });
    expect((await sync(dan, after.next_batch)).device_unused_fallback_key_types).toEqual(["signed_curve25519"]);
  });
});

describe("cross-signing", () => {
  it("asks for the password with user-interactive auth before storing cross-signing keys", async () => {
    const fay = await newUser(hs, "fay");
    const { body } = crossSigningKeys(fay.userId);
    const first = await fay.post<Record<string, unknown>>("/keys/device_signing/upload", body);
    expect(first.status).toBe(401);
    expect(first.body).toEqual({ session: expect.any(String), flows: [{ stages: ["m.login.password"] }], params: {} });
    const session = first.body["session"];
    const identifier = { type: "m.id.user", user: fay.userId };

    const wrong = await fay.post("/keys/device_signing/upload", { ...body, auth: { type: "m.login.password", identifier, password: "nope", session } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      session,
      flows: [{ stages: ["m.login.password"] }],
      params: {},
      completed: [],
      errcode: "M_FORBIDDEN",
      error: "Invalid username or password",
    });
    const unknown = await fay.post<ErrorBody>("/keys/device_signing/upload", { ...body, auth: { type: "m.login.password", identifier, password: "password", session: "nope" } });
    expect([unknown.status, unknown.body.error]).toEqual([400, "Unknown session ID: nope"]);

    // The session kept the keys of the first call: the last one may send only `auth`.
    const ok = await fay.post("/keys/device_signing/upload", { auth: { type: "m.login.password", identifier, password: "password", session } });
    expect([ok.status, ok.body]).toEqual([200, {}]);
    const own = await fay.post<QueryBody>("/keys/query", { device_keys: { [fay.userId]: [] } });
    expect(own.body.master_keys[fay.userId]).toEqual(body["master_key"]);
    expect(own.body.self_signing_keys[fay.userId]).toEqual(body["self_signing_key"]);
    expect(own.body.user_signing_keys[fay.userId]).toEqual(body["user_signing_key"]);
    const other = await newUser(hs, "gil");
    const seen = await other.post<QueryBody>("/keys/query", { device_keys: { [fay.userId]: [] } });
    expect(Object.keys(seen.body.master_keys)).toEqual([fay.userId]);
    expect(seen.body.user_signing_keys).toEqual({});
  });

  it("refuses a self-signing key that the master key did not sign", async () => {
    const hal = await newUser(hs, "hal");
    const { body } = crossSigningKeys(hal.userId);
    const forged = { ...body, self_signing_key: crossSigningKeys(hal.userId).body["self_signing_key"] };
    const auth = { type: "m.login.password", identifier: { type: "m.id.user", user: "hal" }, password: "password" };
    const res = await hal.post<ErrorBody>("/keys/device_signing/upload", { ...forged, auth });
    expect([res.status, res.body.errcode, res.body.error]).toEqual([400, "M_INVALID_SIGNATURE", "Invalid signature on self_signing key"]);
  });

  it("merges uploaded signatures into queried keys and reports the ones that fail", async () => {
    const { alice: ida, bob: jon } = await joinedPair("ida", "jon");
    await uploadDeviceKeys(ida);
    const auth = (user: string) => ({ type: "m.login.password", identifier: { type: "m.id.user", user }, password: "password" });
    const idaKeys = crossSigningKeys(ida.userId);
    const jonKeys = crossSigningKeys(jon.userId);
    expect((await ida.post("/keys/device_signing/upload", { ...idaKeys.body, auth: auth("ida") })).status).toBe(200);
    expect((await jon.post("/keys/device_signing/upload", { ...jonKeys.body, auth: auth("jon") })).status).toBe(200);
    const jonSince = (await sync(jon)).next_batch;

    const stored = (await ida.post<QueryBody>("/keys/query", { device_keys: { [ida.userId]: [ida.deviceId] } })).body.device_keys[ida.userId]?.[ida.deviceId] ?? {};
    const { unsigned: _unsigned, ...device } = stored;
    const signedDevice = idaKeys.selfSigning.sign(device, ida.userId);
    const res = await ida.post<{ failures: Record<string, Record<string, Record<string, unknown>>> }>("/keys/signatures/upload", {
      [ida.userId]: { [ida.deviceId]: signedDevice, NOSUCHDEVICE: { ...signedDevice, device_id: "NOSUCHDEVICE" } },
      [jon.userId]: { [jonKeys.master.publicKey]: idaKeys.userSigning.sign(jonKeys.body["master_key"] as Record<string, unknown>, ida.userId) },
    });
    expect(res.status).toBe(200);
    expect(res.body.failures).toEqual({ [ida.userId]: { NOSUCHDEVICE: { status: 404, errcode: "M_NOT_FOUND", message: "Unknown device" } } });

    const ssk = `ed25519:${idaKeys.selfSigning.publicKey}`;
    const byJon = await jon.post<QueryBody>("/keys/query", { device_keys: { [ida.userId]: [], [jon.userId]: [] } });
    expect(byJon.body.device_keys[ida.userId]?.[ida.deviceId]?.["signatures"]).toMatchObject({ [ida.userId]: { [ssk]: expect.any(String) } });
    // Ida's signature on Jon's master key is shown to Ida only.
    expect(byJon.body.master_keys[jon.userId]).not.toHaveProperty(["signatures", ida.userId]);
    const byIda = await ida.post<QueryBody>("/keys/query", { device_keys: { [jon.userId]: [] } });
    expect(byIda.body.master_keys[jon.userId]?.["signatures"]).toHaveProperty([ida.userId, `ed25519:${idaKeys.userSigning.publicKey}`]);
    // Jon shares a room with Ida, whose device was signed: a device-list change for him.
    expect((await sync(jon, jonSince)).device_lists?.changed).toContain(ida.userId);

    // Already signed: Synapse skips it without checking. A new device with a forged signature fails.
    expect((await ida.post<{ failures: unknown }>("/keys/signatures/upload", { [ida.userId]: { [ida.deviceId]: signedDevice } })).body).toEqual({ failures: {} });
    const phone = await secondDevice(hs, "ida");
    await uploadDeviceKeys(phone);
    const phoneKeys = (await ida.post<QueryBody>("/keys/query", { device_keys: { [ida.userId]: [phone.deviceId] } })).body.device_keys[ida.userId]?.[phone.deviceId] ?? {};
    const { unsigned: _phoneUnsigned, ...phoneDevice } = phoneKeys;
    const forged = await ida.post<{ failures: Record<string, Record<string, Record<string, unknown>>> }>("/keys/signatures/upload", {
      [ida.userId]: { [phone.deviceId]: SigningKey.generate().sign(phoneDevice, ida.userId, ssk) },
    });
    expect(forged.body.failures).toEqual({ [ida.userId]: { [phone.deviceId]: { status: 400, errcode: "M_INVALID_SIGNATURE", message: "Invalid signature" } } });
    const untouched = SigningKey.generate();
    const lone = await newUser(hs, "kim");
    const none = await lone.post<{ failures: Record<string, Record<string, Record<string, unknown>>> }>("/keys/signatures/upload", {
      [lone.userId]: { [lone.deviceId]: untouched.sign({ user_id: lone.userId }, lone.userId) },
    });
    expect(none.body.failures).toEqual({
      [lone.userId]: { [lone.deviceId]: { status: 404, errcode: "M_NOT_FOUND", message: `No self_signing key found for ${lone.userId}` } },
    });
  });
});

describe("to-device messages", () => {
  it("queues per device, re-delivers until a later since acknowledges them, and keeps txn IDs idempotent", async () => {
    const lea = await newUser(hs, "lea");
    const max = await newUser(hs, "max");
    const maxPhone = await secondDevice(hs, "max");
    const start = await sync(max);
    expect(start.to_device).toBeUndefined();
    const phoneStart = await sync(maxPhone);

    const txnId = txn();
    const message = { messages: { [max.userId]: { [max.deviceId]: { secret: 1 } } } };
    expect((await lea.put(`/sendToDevice/m.test/${txnId}`, message)).body).toEqual({});
    expect((await lea.put(`/sendToDevice/m.test/${txnId}`, message)).status).toBe(200); // a retry: no second copy
    const first = await sync(max, start.next_batch);
    expect(first.to_device?.events).toEqual([{ sender: lea.userId, type: "m.test", content: { secret: 1 } }]);
    // Not acknowledged yet: the same since gets the message again.
    expect((await sync(max, start.next_batch)).to_device?.events).toHaveLength(1);
    expect((await sync(max, first.next_batch)).to_device).toBeUndefined();
    // Only the addressed device got it.
    expect((await sync(maxPhone, phoneStart.next_batch)).to_device).toBeUndefined();

    // "*" alone means every device of the user; an unknown device gets nothing.
    await lea.put(`/sendToDevice/m.test/${txn()}`, { messages: { [max.userId]: { "*": { all: true } }, [lea.userId]: { NOSUCHDEVICE: {} } } });
    expect((await sync(maxPhone, phoneStart.next_batch)).to_device?.events).toEqual([{ sender: lea.userId, type: "m.test", content: { all: true } }]);
    expect((await sync(lea)).to_device).toBeUndefined();
    const missing = await lea.put<ErrorBody>(`/sendToDevice/m.test/${txn()}`, {});
    expect([missing.status, missing.body.errcode]).toEqual([400, "M_MISSING_PARAM"]);
  });

  it("wakes the recipient device's long-poll, and delivers at most 100 per sync", async () => {
    const ned = await newUser(hs, "ned");
    const ola = await newUser(hs, "ola");
    const since = (await sync(ola)).next_batch;
    const started = Date.now();
    const polling = sync(ola, since, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ned.put(`/sendToDevice/m.ping/${txn()}`, { messages: { [ola.userId]: { [ola.deviceId]: { n: 0 } } } });
    const woken = await polling;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(woken.to_device?.events).toHaveLength(1);

    for (let n = 1; n <= 150; n++) await ned.put(`/sendToDevice/m.ping/${txn()}`, { messages: { [ola.userId]: { [ola.deviceId]: { n } } } });
    const batch1 = await sync(ola, woken.next_batch, 10_000);
    expect(batch1.to_device?.events.map((event) => event.content["n"])).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const batch2 = await sync(ola, batch1.next_batch, 10_000);
    expect(batch2.to_device?.events.map((event) => event.content["n"])).toEqual(Array.from({ length: 50 }, (_, i) => i + 101));
    expect((await sync(ola, batch2.next_batch)).to_device).toBeUndefined();
  });
});

describe("device lists", () => {
  it("has no device_lists in an initial sync, and lists users who join a shared room", async () => {
    const pia = await newUser(hs, "pia");
    const roomId = await createRoom(pia, { preset: "public_chat" });
    const initial = await sync(pia);
    expect(initial.device_lists).toBeUndefined();
    const quil = await newUser(hs, "quil");
    await quil.post(`/rooms/${enc(roomId)}/join`);
    const afterJoin = await sync(pia, initial.next_batch);
    expect(afterJoin.device_lists?.changed).toContain(quil.userId);
    // The joiner hears of everyone in the room it joined.
    const quilInitial = await sync(quil);
    const rex = await newUser(hs, "rex");
    await rex.post(`/rooms/${enc(roomId)}/join`);
    expect((await sync(quil, quilInitial.next_batch)).device_lists?.changed).toEqual(expect.arrayContaining([rex.userId]));
  });

  it("lists key changes of users sharing a room (waking a long-poll), one's own devices, and users who left", async () => {
    const { alice: sam, bob: tom, roomId } = await joinedPair("sam", "tom");
    const since = (await sync(sam)).next_batch;
    const polling = sync(sam, since, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await uploadDeviceKeys(tom);
    expect((await polling).device_lists?.changed).toEqual([tom.userId]);
    // An identical re-upload is no change; new keys are.
    const after = (await sync(sam, since)).next_batch;
    const stranger = await newUser(hs, "uma");
    await uploadDeviceKeys(stranger);
    await secondDevice(hs, "sam");
    const own = await sync(sam, after);
    expect(own.device_lists?.changed).toEqual([sam.userId]);

    await tom.post(`/rooms/${enc(roomId)}/leave`);
    const left = await sync(sam, own.next_batch);
    expect(left.device_lists?.left).toEqual([tom.userId]);
    expect(left.device_lists?.changed ?? []).not.toContain(tom.userId);

    const changes = await sam.get<{ changed: string[]; left: string[] }>(`/keys/changes?from=${since}&to=${left.next_batch}`);
    expect(changes.body.changed).toContain(sam.userId);
    expect(changes.body.left).toEqual([tom.userId]);
    const noFrom = await sam.get<ErrorBody>("/keys/changes");
    expect([noFrom.status, noFrom.body.errcode]).toEqual([400, "M_MISSING_PARAM"]);
  });

  it("deletes a device with its keys behind user-interactive auth, as a device-list change", async () => {
    const { alice: val, bob: wes } = await joinedPair("val", "wes");
    const phone = await secondDevice(hs, "wes");
    await uploadDeviceKeys(phone);
    const since = (await sync(val)).next_batch;
    const challenge = await wes.request<{ session: string }>("DELETE", `/devices/${phone.deviceId}`, { body: {} });
    expect(challenge.status).toBe(401);
    const auth = { type: "m.login.password", identifier: { type: "m.id.user", user: "wes" }, password: "password", session: challenge.body.session };
    expect((await wes.request("DELETE", `/devices/${phone.deviceId}`, { body: { auth } })).status).toBe(200);
    expect((await phone.get<ErrorBody>("/account/whoami")).status).toBe(401);
    const query = await val.post<QueryBody>("/keys/query", { device_keys: { [wes.userId]: [] } });
    expect(query.body.device_keys[wes.userId]).toEqual({});
    expect((await sync(val, since)).device_lists?.changed).toContain(wes.userId);
  });
});

describe("key backup", () => {
  it("answers 404 when the user has no backup, as Synapse does", async () => {
    const xia = await newUser(hs, "xia");
    const res = await xia.get<ErrorBody>("/room_keys/version");
    expect([res.status, res.body]).toEqual([404, { errcode: "M_NOT_FOUND", error: "No backup found" }]);
  });
});
