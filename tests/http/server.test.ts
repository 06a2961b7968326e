import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpServer, healthRoute } from "../../src/http/server.ts";
import { captureLog } from "../support/capture-log.ts";

interface RawAnswer {
  readonly statusLine: string;
  readonly body: string;
}

/** The answer in `received`, once it is whole (content-length or chunked, as Node sends them). */
function completeAnswer(received: Buffer): RawAnswer | undefined {
  const headerEnd = received.indexOf("\r\n\r\n");
  if (headerEnd === -1) return undefined;
  const head = received.subarray(0, headerEnd + 2).toString("latin1");
  const rest = received.subarray(headerEnd + 4);
  const statusLine = head.slice(0, head.indexOf("\r\n"));
  const length = /\r\ncontent-length: (\d+)\r\n/i.exec(head)?.[1];
  if (length !== undefined) return rest.length >= Number(length) ? { statusLine, body: rest.subarray(0, Number(length)).toString("utf8") } : undefined;
  if (!/\r\ntransfer-encoding: chunked\r\n/i.test(head)) return undefined;
  const chunks: Buffer[] = [];
  for (let at = 0; ; ) {
    const sizeEnd = rest.indexOf("\r\n", at);
    if (sizeEnd === -1) return undefined;
    const size = Number.parseInt(rest.subarray(at, sizeEnd).toString("latin1"), 16);
    if (!Number.isInteger(size)) throw new Error(`bad chunk size in ${JSON.stringify(rest.toString("latin1"))}`);
    if (size === 0) return { statusLine, body: Buffer.concat(chunks).toString("utf8") };
    const dataEnd = sizeEnd + 2 + size;
    if (rest.length < dataEnd + 2) return undefined;
    chunks.push(rest.subarray(sizeEnd + 2, dataEnd));
    at = dataEnd + 2;
  }
}

/**
 * Writes `request` as it is on a fresh TCP connection and reads one answer: until it is whole, or
 * until the server closes the connection.
 */
function rawRequest(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: RawAnswer): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      try {
        const answer = completeAnswer(received);
        if (answer !== undefined) finish(answer);
      } catch (error) {
        socket.destroy();
        reject(error as Error);
      }
    });
    socket.on("end", () => {
      const text = received.toString("utf8");
      try {
        finish(completeAnswer(received) ?? { statusLine: text.slice(0, text.indexOf("\r\n")), body: "" });
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.on("error", reject);
    socket.write(request);
  });
}

describe("Minou's HTTP server", () => {
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function listening(): Promise<{ port: number; lines: string[] }> {
    const { log, lines } = captureLog("info");
    server = new HttpServer([healthRoute(() => true)], log);
    return { port: await server.listen("127.0.0.1", 0), lines };
  }

  it.each(["http://[", "//[", "http://[::1", "http://a:b/", "http://", "//a:99999/feeds/secret-token.ics"])(
    "answers 400 to a target that is no URL (%s), with one short log line and no stack",
    async (target) => {
      const { port, lines } = await listening();
      const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
      expect(answer.body).toBe("Requête invalide · Bad request\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/INFO \[minou\] HTTP request refused: its target is not a URL \{"method":"GET"\}$/);
      expect(lines[0]).not.toContain("stack");
      // The target may hold a feed token: it is never logged.
      expect(lines[0]).not.toContain("secret-token");
    },
  );

  it("answers 400 to a request line Node cannot parse, with one short log line, and serves the next request", async () => {
    const { port, lines } = await listening();
    for (const requestLine of ["GET http://x y HTTP/1.1", "GET /\u0001 HTTP/1.1", "GET /é HTTP/1.1", "NOT A REQUEST"]) {
      const answer = await rawRequest(port, `${requestLine}\r\nHost: x\r\n\r\n`);
      expect([requestLine, answer.statusLine]).toEqual([requestLine, "HTTP/1.1 400 Bad Request"]);
    }
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/INFO \[minou\] HTTP request refused: unreadable \{"code":"HPE_[A-Z_]+"\}$/);
    const health = await rawRequest(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect([health.statusLine, health.body]).toEqual(["HTTP/1.1 200 OK", '{"status":"ok"}']);
    expect(lines).toHaveLength(4);
  });

  it("still answers a HEAD with a bad target 400, without a body, and a bad target on another method 400 too", async () => {
    const { port } = await listening();
    const head = await rawRequest(port, "HEAD http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect([head.statusLine, head.body]).toEqual(["HTTP/1.1 400 Bad Request", ""]);
    const post = await rawRequest(port, "POST http://[ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    expect(post.statusLine).toBe("HTTP/1.1 400 Bad Request");
  });
});
