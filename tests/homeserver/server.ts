// The HTTP side: a node:http listener on 127.0.0.1 that can be stopped (dropping every open
// connection, so in-flight long-polls end) and started again on the same port, and the request
// pipeline: faults, routing, handler, error mapping.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { RequestContext, type Routes } from "./context.ts";
import type { HomeserverCore } from "./core.ts";
import { MatrixError } from "./errors.ts";
import type { FaultInjector } from "./faults.ts";
import { errorReply, readBody, writeReply } from "./http.ts";

export function createDispatcher(core: HomeserverCore, routes: Routes, faults: FaultInjector) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const closed = new AbortController();
    res.on("close", () => closed.abort());
    try {
      const body = await readBody(req);
      if (method === "OPTIONS") {
        writeReply(res, { status: 204, body: Buffer.alloc(0), headers: {} });
        return;
      }
      const decodedPath = safeDecode(url.pathname);
      const delay = faults.delayFor(method, decodedPath);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const failure = faults.takeFailure(method, decodedPath) ?? faults.takeSendFailure(method, url.pathname, body);
      if (failure) throw failure;
      const route = routes.match(method, url.pathname);
      const ctx = new RequestContext(core, method, route.params, url.searchParams, req.headers, body, closed.signal);
      writeReply(res, await route.handler(ctx));
    } catch (error) {
      if (error instanceof MatrixError) {
        writeReply(res, errorReply(error));
      } else {
        console.error(`test homeserver: ${method} ${url.pathname} failed`, error);
        writeReply(res, errorReply(new MatrixError(500, "M_UNKNOWN", "Internal server error")));
      }
    }
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export class HttpListener {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  constructor(private readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {}

  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  async listen(port: number): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }
}
