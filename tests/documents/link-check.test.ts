import type * as Http from "node:http";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkLink, checkLinks, isBlockedAddress, type LinkCheckOptions } from "../../src/documents/link-check.ts";

/**
 * Every http.request the checker makes goes through this recording wrapper. While `forbid` is set,
 * it throws before any socket exists: the blocked-address tests prove "no connection attempt", and
 * a regression could never send traffic to the non-loopback addresses they use. A host name without
 * a pinned `lookup` would go to the system's DNS (and be open to rebinding): refused too.
 */
const network = vi.hoisted(() => ({ requests: 0, forbid: false }));
vi.mock("node:http", async (importOriginal) => {
  const actual = await importOriginal<typeof Http>();
  const { isIP } = await import("node:net");
  const request = (...args: unknown[]): unknown => {
    network.requests += 1;
    if (network.forbid) throw new Error("test: http.request reached although the address is blocked");
    const { host, lookup } = (args[0] ?? {}) as { host?: unknown; lookup?: unknown };
    if (typeof host === "string" && isIP(host) === 0 && typeof lookup !== "function") throw new Error("test: unpinned host name");
    return Reflect.apply(actual.request, actual, args);
  };
  return { ...actual, request, default: { ...actual, request } };
});

interface TestServer {
  readonly origin: string;
  readonly seen: string[];
  connections: number;
  readonly sockets: Set<Socket>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function serve(host: "127.0.0.1" | "127.0.0.2", handler: (incoming: IncomingMessage, response: ServerResponse, origin: string) => void): Promise<TestServer> {
  const server = createServer();
  const sockets = new Set<Socket>();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const record: TestServer = {
    origin, seen: [], connections: 0, sockets,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  server.on("connection", (socket: Socket) => {
    record.connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("request", (incoming: IncomingMessage, response: ServerResponse) => {
    record.seen.push(`${incoming.method ?? "?"} ${incoming.url ?? "?"}`);
    handler(incoming, response, origin);
  });
  servers.push(record);
  return record;
}

const options = (overrides: Partial<LinkCheckOptions> = {}): LinkCheckOptions => ({
  timeoutMs: 2_000, maxRedirects: 5, allowedPrivate: ["127.0.0.1", "127.0.0.2"], ...overrides,
});

/** A test resolver: names map to fixed answers; nothing reaches a real DNS server. */
const resolver = (table: Record<string, readonly string[]>): NonNullable<LinkCheckOptions["lookup"]> => async (hostname) =>
  (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 as const : 4 as const }));

afterEach(async () => {
  network.forbid = false;
  network.requests = 0;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("checkLink against local servers", () => {
  it("reports a 200 with its final URL, by HEAD only", async () => {
    const site = await serve("127.0.0.2", (_incoming, response) => response.writeHead(200).end("bonjour"));
    expect(await checkLink(`${site.origin}/statuts.pdf`, options())).toEqual({ ok: true, status: 200, finalUrl: `${site.origin}/statuts.pdf` });
    expect(site.seen).toEqual(["HEAD /statuts.pdf"]);
    expect(network.requests).toBe(1); // the recording wrapper is on the path, so "0 requests" below means something
  });

  it("reports a 404", async () => {
    const site = await serve("127.0.0.2", (_incoming, response) => response.writeHead(404).end());
    expect(await checkLink(`${site.origin}/disparu`, options())).toEqual({ ok: false, reason: "http", status: 404 });
  });

  it("falls back to GET when HEAD is refused (405, 501) or the connection is reset", async () => {
    const site = await serve("127.0.0.2", (incoming, response) => {
      if (incoming.method === "HEAD" && incoming.url === "/reset") return void incoming.socket.destroy();
      if (incoming.method === "HEAD") return void response.writeHead(incoming.url === "/405" ? 405 : 501).end();
      response.writeHead(200).end("x".repeat(100_000));
    });
    for (const path of ["/405", "/501", "/reset"]) {
      expect(await checkLink(`${site.origin}${path}`, options())).toMatchObject({ ok: true, status: 200 });
    }
    expect(site.seen).toEqual(["HEAD /405", "GET /405", "HEAD /501", "GET /501", "HEAD /reset", "GET /reset"]);
  });

  it("times out a server that never answers, within the limit, and leaves no socket open", async () => {
    const site = await serve("127.0.0.2", () => undefined);
    const started = performance.now();
    expect(await checkLink(`${site.origin}/lent`, options({ timeoutMs: 300 }))).toEqual({ ok: false, reason: "timeout" });
    expect(performance.now() - started).toBeLessThan(800);
    await vi.waitFor(() => expect(site.sockets.size).toBe(0), { timeout: 500 });
  });

  it("times out a DNS lookup that never answers", async () => {
    const hanging: LinkCheckOptions["lookup"] = () => new Promise(() => undefined);
    expect(await checkLink("http://lent.test/", options({ timeoutMs: 200, lookup: hanging }))).toEqual({ ok: false, reason: "timeout" });
  });

  it("follows a redirect chain across hosts, resolving relative Locations", async () => {
    const final = await serve("127.0.0.1", (_incoming, response) => response.writeHead(200).end());
    const start = await serve("127.0.0.2", (incoming, response) => {
      const hop = Number(incoming.url?.split("/")[2]);
      response.writeHead(hop === 0 ? 308 : 302, { location: hop === 0 ? `${final.origin}/fin?x=1` : `../r/${hop - 1}` }).end();
    });
    expect(await checkLink(`${start.origin}/r/3`, options())).toEqual({ ok: true, status: 200, finalUrl: `${final.origin}/fin?x=1` });
    expect(start.seen).toEqual(["HEAD /r/3", "HEAD /r/2", "HEAD /r/1", "HEAD /r/0"]);
    expect(final.seen).toEqual(["HEAD /fin?x=1"]);
  });

  it("gives up after maxRedirects", async () => {
    const site = await serve("127.0.0.2", (_incoming, response) => response.writeHead(301, { location: "/boucle" }).end());
    expect(await checkLink(`${site.origin}/boucle`, options({ maxRedirects: 3 }))).toEqual({ ok: false, reason: "tooManyRedirects" });
    expect(site.seen).toHaveLength(4);
  });

  it("refuses a redirect to a blocked address before connecting to it", async () => {
    const internal = await serve("127.0.0.1", (_incoming, response) => response.writeHead(200).end("secret admin page"));
    const site = await serve("127.0.0.2", (_incoming, response) => response.writeHead(302, { location: `${internal.origin}/admin` }).end());
    expect(await checkLink(`${site.origin}/`, options({ allowedPrivate: ["127.0.0.2/32"] }))).toEqual({ ok: false, reason: "blockedAddress", address: "127.0.0.1" });
    expect(internal.connections).toBe(0);
    expect(internal.seen).toEqual([]);
  });

  it("refuses a redirect to another scheme", async () => {
    const site = await serve("127.0.0.2", (_incoming, response) => response.writeHead(302, { location: "file:///etc/passwd" }).end());
    expect(await checkLink(`${site.origin}/`, options())).toEqual({ ok: false, reason: "badUrl" });
  });

  it("connects to the checked address and keeps the URL's Host header", async () => {
    const hosts: string[] = [];
    const site = await serve("127.0.0.2", (incoming, response) => {
      hosts.push(incoming.headers.host ?? "");
      response.writeHead(200).end();
    });
    const port = new URL(site.origin).port;
    const lookup = resolver({ "asso.test": ["127.0.0.2"] });
    expect(await checkLink(`http://asso.test:${port}/`, options({ lookup }))).toMatchObject({ ok: true, finalUrl: `http://asso.test:${port}/` });
    expect(hosts).toEqual([`asso.test:${port}`]);
  });

  it("resolves once per hop, so a rebinding DNS answer is never used", async () => {
    const site = await serve("127.0.0.2", (_incoming, response) => response.writeHead(200).end());
    const answers = ["127.0.0.2", "127.0.0.1"];
    const rebinding: LinkCheckOptions["lookup"] = async () => {
      const address = answers.shift() ?? "127.0.0.1";
      return [{ address, family: 4 }];
    };
    const port = new URL(site.origin).port;
    const result = await checkLink(`http://rebind.test:${port}/`, options({ lookup: rebinding, allowedPrivate: ["127.0.0.2"] }));
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(answers).toEqual(["127.0.0.1"]);
    expect(site.seen).toEqual(["HEAD /"]);
  });

  it("never sends nor returns a link's credentials", async () => {
    const authorizations: (string | undefined)[] = [];
    const site = await serve("127.0.0.2", (incoming, response) => {
      authorizations.push(incoming.headers.authorization);
      response.writeHead(200).end();
    });
    const result = await checkLink(site.origin.replace("http://", "http://tresorier:motdepasse@") + "/compta", options());
    expect(result).toEqual({ ok: true, status: 200, finalUrl: `${site.origin}/compta` });
    expect(authorizations).toEqual([undefined]);
  });
});

describe("checkLink refusals without any connection", () => {
  it.each(["10.0.0.1", "192.168.1.1", "169.254.169.254", "::1", "fd00::1"])("a name resolving to %s", async (address) => {
    network.forbid = true;
    const lookup = resolver({ "piege.test": [address] });
    const started = performance.now();
    expect(await checkLink("http://piege.test/", options({ lookup }))).toEqual({ ok: false, reason: "blockedAddress", address });
    expect(performance.now() - started).toBeLessThan(250);
    expect(network.requests).toBe(0);
  });

  it("a name with one allowed and one private answer (any bad answer refuses)", async () => {
    network.forbid = true;
    const lookup = resolver({ "mixte.test": ["127.0.0.2", "10.0.0.1"] });
    expect(await checkLink("http://mixte.test/", options({ lookup }))).toEqual({ ok: false, reason: "blockedAddress", address: "10.0.0.1" });
    expect(network.requests).toBe(0);
  });

  it.each([
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::]/", "::"],
  ])("an address literal in disguise: %s", async (url, address) => {
    network.forbid = true;
    expect(await checkLink(url, options({ allowedPrivate: [] }))).toEqual({ ok: false, reason: "blockedAddress", address });
    expect(network.requests).toBe(0);
  });

  it.each(["file:///etc/passwd", "ftp://ftp.example.org/", "javascript:alert(1)", "data:text/html,x", "pas une adresse", ""])("a non-http URL: %j", async (url) => {
    network.forbid = true;
    expect(await checkLink(url, options())).toEqual({ ok: false, reason: "badUrl" });
  });

  it("a name that resolves to nothing", async () => {
    expect(await checkLink("http://inconnu.test/", options({ lookup: resolver({}) }))).toEqual({ ok: false, reason: "network", detail: "ENOTFOUND" });
  });

  it("a malformed allowance is a bug, not a link status", async () => {
    await expect(checkLink("http://127.0.0.2/", options({ allowedPrivate: ["127.0.0.2/40"] }))).rejects.toThrow(/127\.0\.0\.2\/40/);
  });
});

describe("checkLinks", () => {
  it("checks each distinct URL once, at most `concurrency` at a time, in input order", async () => {
    let inFlight = 0;
    let peak = 0;
    const site = await serve("127.0.0.2", (incoming, response) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(incoming.url === "/absent" ? 404 : 200).end();
      }, 30);
    });
    const urls = ["/a", "/b", "/absent", "/c", "/a", "/d"].map((path) => `${site.origin}${path}`);
    const results = await checkLinks([...urls, "ftp://x/"], { ...options(), concurrency: 2 });
    expect([...results.keys()]).toEqual([...new Set(urls), "ftp://x/"]);
    expect(results.get(`${site.origin}/absent`)).toEqual({ ok: false, reason: "http", status: 404 });
    expect(results.get(`${site.origin}/d`)).toMatchObject({ ok: true });
    expect(site.seen).toHaveLength(5);
    expect(peak).toBe(2);
  });
});

describe("isBlockedAddress", () => {
  it.each([
    "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255", "127.0.0.1", "127.255.255.254",
    "169.254.169.254", "0.0.0.0", "255.255.255.255", "224.0.0.1", "240.0.0.1", "192.0.2.10",
    "::", "::1", "[::1]", "fe80::1", "fe80::1%eth0", "febf::1", "fc00::1", "fd00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::127.0.0.1",
    "64:ff9b::a00:1", "64:ff9b::192.168.1.1", "2002:c0a8:101::1",
    "not-an-ip", "", "example.org", "1.2.3", "1.2.3.4.5", "010.0.0.1", "127.0.0.1/32",
  ])("blocks %j", (address) => {
    expect(isBlockedAddress(address, [])).toBe(true);
  });

  it.each([
    "93.184.215.14", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1", "11.0.0.1", "223.255.255.255",
    "2001:4860:4860::8888", "2a01:4f8::1", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1",
  ])("lets %j through", (address) => {
    expect(isBlockedAddress(address, [])).toBe(false);
  });

  it.each([
    ["127.0.0.2", ["127.0.0.2"], false],
    ["127.0.0.1", ["127.0.0.2"], true],
    ["127.0.0.3", ["127.0.0.2/31"], false],
    ["127.0.0.4", ["127.0.0.2/31"], true],
    ["::ffff:127.0.0.2", ["127.0.0.2/32"], false],
    ["127.0.0.2", ["::ffff:127.0.0.2"], false],
    ["10.1.2.3", ["10.0.0.0/8"], false],
    ["fd00::5", ["fd00::/64"], false],
    ["fd01::5", ["fd00::/64"], true],
    ["::1", ["::1"], false],
    ["::1", ["127.0.0.1"], true],
  ] as const)("%s with allowances %j → blocked %s", (address, allowed, blocked) => {
    expect(isBlockedAddress(address, allowed)).toBe(blocked);
  });

  it.each(["127.0.0.2/33", "::1/129", "10.0.0.0/8/1", "10.0.0.0/", "10.0.0.0/-1", "réseau"])("throws on the malformed allowance %j", (allowance) => {
    expect(() => isBlockedAddress("8.8.8.8", [allowance])).toThrow();
  });
});
