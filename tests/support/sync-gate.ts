import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Hop-by-hop headers, and those fetch invalidates by decoding the body. */
const NOT_FORWARDED = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

interface Hold {
  readonly marker: string;
  readonly held: () => void;
  readonly released: Promise<void>;
}

/**
 * A proxy in front of the test homeserver that can hold back a /sync answer once the homeserver
 * has written it, so that a test decides the moment it reaches Minou (while Minou is stopping…).
 * Minou talks to `url`; members keep talking to the homeserver itself.
 */
export class SyncGate {
  private hold: Hold | undefined;

  private constructor(
    private readonly server: Server,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<SyncGate> {
    const server = createServer();
    const gate = new SyncGate(server, target);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      gate.forward(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * The next /sync answer whose body contains `marker` waits until `release()`; `held` resolves
   * once it is waiting, written and complete, at the gate.
   */
  holdSyncAnswerContaining(marker: string): { held: Promise<void>; release: () => void } {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = (): void => undefined;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    this.hold = { marker, held, released };
    return { held: isHeld, release };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || NOT_FORWARDED.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const method = req.method ?? "GET";
    const answer = await fetch(`${this.target}${req.url ?? "/"}`, {
      method,
      headers,
      ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const hold = this.hold;
    if (hold !== undefined && req.url?.startsWith("/_matrix/client/v3/sync") === true && body.includes(hold.marker)) {
      this.hold = undefined;
      hold.held();
      await hold.released;
    }
    const replyHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!NOT_FORWARDED.has(name)) replyHeaders[name] = value;
    });
    res.writeHead(answer.status, { ...replyHeaders, "content-length": String(body.length) });
    res.end(body);
  }
}
