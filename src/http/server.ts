import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
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
export const NOT_FOUND: HttpResponse = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Page introuvable\n" };
export const INTERNAL_ERROR: HttpResponse = { status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Erreur interne\n" };

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
      if (request.method !== "GET" && request.method !== "HEAD") {
        answer({ status: 405, headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }, body: "Méthode non autorisée\n" });
        return;
      }
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
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
