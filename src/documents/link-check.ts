import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";

export interface LinkCheckOptions {
  /** Whole check per link, redirects included (e.g. 10_000). */
  timeoutMs: number;
  maxRedirects: number;
  /** Addresses (IPv4/IPv6 literals or CIDR like "127.0.0.2/32") that may be contacted although they are private, loopback or link-local. Empty in production by default; tests allow specific loopback addresses. */
  allowedPrivate: readonly string[];
  /** DNS lookup, injectable for tests; default node:dns lookup with all: true. */
  lookup?: (hostname: string) => Promise<readonly { address: string; family: 4 | 6 }[]>;
  /** Default "Minou (vérification des liens du centre)". */
  userAgent?: string;
}

export type LinkStatus =
  | { ok: true; status: number; finalUrl: string }
  | { ok: false; reason: "http"; status: number }
  | { ok: false; reason: "timeout" }
  | { ok: false; reason: "network"; detail: string }
  | { ok: false; reason: "blockedAddress"; address: string }
  | { ok: false; reason: "tooManyRedirects" }
  | { ok: false; reason: "badUrl" };

const DEFAULT_USER_AGENT = "Minou (vérification des liens du centre)";
/** A GET fallback only needs the status line; a little of the body is read so small pages end cleanly. */
const DISCARD_LIMIT_BYTES = 4 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Links come from documents anyone in a room can post: without this guard, "check my link" would
// let them make the bot probe the centre's LAN, the router's admin page or a cloud metadata
// endpoint (SSRF, https://owasp.org/www-community/attacks/Server_Side_Request_Forgery).
// Every address is a 128-bit value; IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), so a mapped
// IPv6 literal and its IPv4 form are the same value and can't slip past each other.

type Cidr = { readonly base: bigint; readonly bits: number };

const V4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;

function parseIPv4(text: string): bigint {
  return text.split(".").reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** 128-bit value of an IPv4 or IPv6 literal (brackets and zone id allowed), or undefined. */
function parseAddress(text: string): bigint | undefined {
  const unbracketed = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const literal = unbracketed.split("%")[0] ?? "";
  const version = isIP(literal);
  if (version === 4) return V4_MAPPED_PREFIX | parseIPv4(literal);
  if (version !== 6) return undefined;
  let hex = literal;
  const lastColon = hex.lastIndexOf(":");
  const tail = hex.slice(lastColon + 1);
  if (tail.includes(".")) {
    const embedded = parseIPv4(tail);
    hex = `${hex.slice(0, lastColon + 1)}${(embedded >> 16n).toString(16)}:${(embedded & 0xffffn).toString(16)}`;
  }
  const [left = "", right] = hex.split("::");
  const leftGroups = left === "" ? [] : left.split(":");
  const rightGroups = right === undefined || right === "" ? [] : right.split(":");
  const zeros = right === undefined ? [] : Array<string>(8 - leftGroups.length - rightGroups.length).fill("0");
  return [...leftGroups, ...zeros, ...rightGroups].reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function parseCidr(text: string): Cidr | undefined {
  const [literal = "", prefix, ...rest] = text.split("/");
  const base = parseAddress(literal);
  if (base === undefined || rest.length > 0) return undefined;
  const isV4 = isIP(literal) === 4;
  const width = isV4 ? 32 : 128;
  const length = prefix === undefined ? width : Number(prefix);
  if (!Number.isInteger(length) || length < 0 || length > width || (prefix !== undefined && !/^\d+$/.test(prefix))) return undefined;
  return { base, bits: isV4 ? 96 + length : length };
}

function contains(range: Cidr, address: bigint): boolean {
  const mask = ALL_ONES ^ ((1n << BigInt(128 - range.bits)) - 1n);
  return (address & mask) === (range.base & mask);
}

const cidrs = (texts: readonly string[]): Cidr[] =>
  texts.map((text) => {
    const range = parseCidr(text);
    if (range === undefined) throw new Error(`link-check: not an address or CIDR range: ${JSON.stringify(text)}`);
    return range;
  });

/** Never contacted unless allowed: RFC 6890 special-purpose ranges that aren't the public Internet. */
const RESERVED = cidrs([
  "0.0.0.0/8", // "this network": 0.0.0.0 reaches the local host on Linux
  "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", // RFC 1918 private
  "100.64.0.0/10", // CGNAT, often the provider's or the centre's own equipment
  "127.0.0.0/8", "169.254.0.0/16", // loopback; link-local, including cloud metadata 169.254.169.254
  "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", // IETF, benchmarking, documentation
  "224.0.0.0/4", "240.0.0.0/4", // multicast; reserved, including broadcast 255.255.255.255
  "::/96", // unspecified ::, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d
  "100::/64", "2001:db8::/32", // discard, documentation
  "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", // unique-local, link-local, old site-local, multicast
]);
/** IPv6 prefixes that carry an IPv4 address a gateway would forward to: NAT64 (low 32 bits) and 6to4 (bits 80–111). */
const NAT64 = cidrs(["64:ff9b::/96", "64:ff9b:1::/48"]);
const SIX_TO_FOUR = cidrs(["2002::/16"]);

function isReserved(address: bigint): boolean {
  if (RESERVED.some((range) => contains(range, address))) return true;
  if (NAT64.some((range) => contains(range, address))) return isReserved(V4_MAPPED_PREFIX | (address & 0xffffffffn));
  if (SIX_TO_FOUR.some((range) => contains(range, address))) return isReserved(V4_MAPPED_PREFIX | ((address >> 80n) & 0xffffffffn));
  return false;
}

/**
 * Whether the checker must refuse to contact this address. Anything that isn't an address is
 * refused. Throws on a malformed `allowed` entry: that is a configuration bug, not a link's fault.
 */
export function isBlockedAddress(address: string, allowed: readonly string[]): boolean {
  const value = parseAddress(address);
  if (value === undefined) return true;
  if (cidrs(allowed).some((range) => contains(range, value))) return false;
  return isReserved(value);
}

type Pinned = { readonly address: string; readonly family: 4 | 6 };
type Answer = { readonly status: number; readonly location: string | undefined };

/** Only http(s); credentials in a link are never sent (nor returned in finalUrl). */
function parseHttpUrl(text: string, base?: URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.username = "";
  url.password = "";
  return url;
}

const unbracket = (hostname: string): string => (hostname.startsWith("[") ? hostname.slice(1, -1) : hostname);

const defaultLookup = async (hostname: string): Promise<readonly Pinned[]> =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** Settles with the promise, or rejects as soon as the signal aborts (a DNS query can't be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    if (signal.aborted) onAbort();
    promise.then(
      (value) => { signal.removeEventListener("abort", onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener("abort", onAbort); reject(error); },
    );
  });
}

/**
 * Resolves the host once and refuses if ANY answer is reserved: an attacker's DNS can mix a
 * public and a private address, and the socket layer might try either.
 */
async function resolveChecked(hostname: string, options: LinkCheckOptions, signal: AbortSignal): Promise<Pinned | LinkStatus> {
  const host = unbracket(hostname);
  const literal = isIP(host);
  const answers = literal === 0 ? await untilAborted((options.lookup ?? defaultLookup)(host), signal) : [{ address: host, family: literal }];
  const blocked = answers.find(({ address }) => isBlockedAddress(address, options.allowedPrivate));
  if (blocked !== undefined) return { ok: false, reason: "blockedAddress", address: blocked.address };
  const first = answers[0];
  if (first === undefined) return { ok: false, reason: "network", detail: "ENOTFOUND" };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * The socket connects to the address we checked, not to a second DNS answer: otherwise a
 * short-TTL record could answer "public" to our check and "127.0.0.1" to the connection (DNS
 * rebinding). Host header and TLS servername still come from the URL's hostname.
 */
function pinnedLookup(pinned: Pinned): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** Reads and throws away at most a few KB, then closes: we only wanted the status line. */
function discard(response: IncomingMessage): void {
  let received = 0;
  response.on("error", () => undefined);
  response.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > DISCARD_LIMIT_BYTES) response.destroy();
  });
  response.on("end", () => response.destroy());
}

function send(url: URL, pinned: Pinned, method: "HEAD" | "GET", signal: AbortSignal, userAgent: string): Promise<Answer> {
  const secure = url.protocol === "https:";
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = (secure ? httpsRequest : httpRequest)(
      {
        host: unbracket(url.hostname),
        port: url.port === "" ? (secure ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method,
        headers: { "user-agent": userAgent, accept: "*/*" },
        agent: false, // a fresh, non-pooled socket: nothing reused across checks, nothing left open
        lookup: pinnedLookup(pinned),
        signal,
      },
      (response) => {
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
        discard(response);
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "ERROR";
}

/** Servers that mishandle HEAD tend to reset the connection or send something unparsable. */
const isOddHeadFailure = (error: unknown): boolean => ["ECONNRESET", "EPIPE"].includes(errorCode(error)) || errorCode(error).startsWith("HPE_");

async function followLink(start: URL, options: LinkCheckOptions, signal: AbortSignal): Promise<LinkStatus> {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  let current = start;
  for (let redirects = 0; ; redirects += 1) {
    const pinned = await resolveChecked(current.hostname, options, signal);
    if ("ok" in pinned) return pinned;
    let answer: Answer | undefined;
    try {
      answer = await send(current, pinned, "HEAD", signal, userAgent);
    } catch (error) {
      if (signal.aborted || !isOddHeadFailure(error)) throw error;
    }
    if (answer === undefined || answer.status === 405 || answer.status === 501) answer = await send(current, pinned, "GET", signal, userAgent);
    if (REDIRECT_STATUSES.has(answer.status) && answer.location !== undefined) {
      if (redirects >= options.maxRedirects) return { ok: false, reason: "tooManyRedirects" };
      const next = parseHttpUrl(answer.location, current);
      if (next === undefined) return { ok: false, reason: "badUrl" };
      current = next;
      continue;
    }
    if (answer.status >= 400) return { ok: false, reason: "http", status: answer.status };
    return { ok: true, status: answer.status, finalUrl: current.href };
  }
}

/**
 * Checks one link: only http(s), every hop's addresses checked before any connection, HEAD then
 * GET, one deadline for the whole chain. Never throws for a bad link; the result carries no
 * credentials and no error message, only an error code.
 */
export async function checkLink(url: string, options: LinkCheckOptions): Promise<LinkStatus> {
  const start = parseHttpUrl(url);
  if (start === undefined) return { ok: false, reason: "badUrl" };
  cidrs(options.allowedPrivate); // a malformed allowance is a bug: fail loudly, before any traffic
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    return await followLink(start, options, deadline.signal);
  } catch (error) {
    if (deadline.signal.aborted) return { ok: false, reason: "timeout" };
    return { ok: false, reason: "network", detail: errorCode(error) };
  } finally {
    clearTimeout(timer);
    deadline.abort(); // destroys whatever socket is still draining a body
  }
}

/** Checks each distinct URL once, at most `concurrency` at a time; the map follows the input order. */
export async function checkLinks(urls: readonly string[], options: LinkCheckOptions & { concurrency: number }): Promise<Map<string, LinkStatus>> {
  const unique = [...new Set(urls)];
  const results = new Map<string, LinkStatus>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < unique.length; index = next++) {
      const url = unique[index] ?? "";
      results.set(url, await checkLink(url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, unique.length)) }, worker));
  return new Map(unique.flatMap((url) => results.has(url) ? [[url, results.get(url) as LinkStatus] as const] : []));
}
