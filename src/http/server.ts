import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { inEveryLanguage } from "../i18n/every-language.ts";
import type { Logger } from "../log.ts";

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/** A route answers a GET on an exact path or a path pattern; `match` holds the pattern's groups. */
export interface Route {
  readonly path: string | RegExp;
  readonly handle: (request: IncomingMessage, match: RegExpExecArray | undefined) => HttpResponse | Promise<HttpResponse>;
}

/** The one "not found" answer: a revoked feed token looks like any other dead link. */
export const NOT_FOUND: HttpResponse = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: `${inEveryLanguage("runtime.http.notFound")}\n` };
export const INTERNAL_ERROR: HttpResponse = { status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: `${inEveryLanguage("runtime.http.internalError")}\n` };
/** A request target that is no URL (`GET http://[`): the client's mistake, not a failure of Minou's. */
export const BAD_REQUEST: HttpResponse = { status: 400, headers: { "content-type": "text/plain; charset=utf-8" }, body: `${inEveryLanguage("runtime.http.badRequest")}\n` };

/**
 * The status Node's own default gives when its parser refuses a request (a request line or header
 * it cannot read); a "clientError" listener replaces that default (node:http), so it answers alike.
 */
const PARSER_REFUSALS: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

/**
 * Minou's web side (health check now; iCal feeds and agenda pages plug in as routes). It binds
 * to 127.0.0.1 unless the configuration says otherwise; a reverse proxy publishes it.
 */
export class HttpServer {
  private server: Server | undefined;

  constructor(
    private readonly routes: readonly Route[],
    private readonly log: Logger,
  ) {}

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((request, response) => void this.serve(request, response));
    server.on("clientError", (error: Error & { code?: string }, socket: Socket) => this.refuseUnparsable(error, socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = (reply: HttpResponse): void => {
      response.writeHead(reply.status, { ...SECURITY_HEADERS, ...reply.headers });
      response.end(request.method === "HEAD" ? undefined : reply.body);
    };
    let routeName = "(none)";
    try {
      const path = pathOf(request);
      if (path === undefined) {
        // One short line, without the target: it may hold a feed token, and a stack says nothing here.
        this.log.info("HTTP request refused: its target is not a URL", { method: request.method });
        answer(BAD_REQUEST);
        return;
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        answer({ status: 405, headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }, body: `${inEveryLanguage("runtime.http.methodNotAllowed")}\n` });
        return;
      }
      for (const route of this.routes) {
        const match = typeof route.path === "string" ? (route.path === path ? undefined : null) : route.path.exec(path);
        if (match === null) continue;
        routeName = String(route.path);
        answer(await route.handle(request, match));
        return;
      }
      answer(NOT_FOUND);
    } catch (error) {
      // The route's pattern, never the path: feed and page paths hold secret tokens.
      this.log.error("HTTP request failed", { route: routeName, error });
      answer(INTERNAL_ERROR);
    }
  }

  /** A request Node's parser could not read never reaches `serve`: answered and logged here. */
  private refuseUnparsable(error: Error & { code?: string }, socket: Socket): void {
    // A client that went away (ECONNRESET) is no request to answer or to log.
    if (error.code?.startsWith("HPE_") === true || error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      this.log.info("HTTP request refused: unreadable", { code: error.code });
      // Not after an earlier answer on this connection: a status line could land inside it.
      if (socket.writable && socket.bytesWritten === 0) {
        socket.write(`HTTP/1.1 ${PARSER_REFUSALS[error.code] ?? "400 Bad Request"}\r\nConnection: close\r\n\r\n`);
      }
    }
    // Write, then drop the connection, as Node's default does.
    socket.destroy();
  }
}

/** The request's path, or undefined when its target cannot be read as a URL. */
function pathOf(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

export function healthRoute(isReady: () => boolean): Route {
  return {
    path: "/healthz",
    handle: () => {
      const ready = isReady();
      return {
        status: ready ? 200 : 503,
        headers: { "content-type": "application/json", "cache-control": "no-store" },
        body: JSON.stringify({ status: ready ? "ok" : "starting" }),
      };
    },
  };
}
