// HTTP plumbing: replies, CORS (spec: "Web Browser Clients"), request bodies.
import type { IncomingMessage, ServerResponse } from "node:http";
import { MatrixError } from "./errors.ts";

export interface JsonReply {
  readonly status: number;
  readonly json: unknown;
  readonly headers?: Record<string, string>;
}

export interface BinaryReply {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

export type Reply = JsonReply | BinaryReply;

export const json = (body: unknown, status = 200): JsonReply => ({ status, json: body });

export function errorReply(error: MatrixError): JsonReply {
  return { status: error.status, json: error.toJSON(), headers: { ...error.headers } };
}

/** Spec: servers should answer every request, including OPTIONS pre-flights, with these. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "X-Requested-With, Content-Type, Authorization",
};

/** Synapse's default max request size is the upload limit plus some slack. */
const MAX_BODY_BYTES = 52 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining an oversized body so the 413 can still be written on this connection.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      ended = true;
      if (size > MAX_BODY_BYTES) reject(new MatrixError(413, "M_TOO_LARGE", "Request body too large"));
      else resolve(Buffer.concat(chunks));
    });
    req.on("close", () => {
      if (!ended) reject(new MatrixError(400, "M_UNKNOWN", "Client closed the request"));
    });
    req.on("error", reject);
  });
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return; // the client (or stop()) went away meanwhile
  const body = "json" in reply ? Buffer.from(JSON.stringify(reply.json)) : reply.body;
  const headers: Record<string, string> = { ...CORS_HEADERS, ...reply.headers };
  if ("json" in reply) headers["Content-Type"] = "application/json";
  headers["Content-Length"] = String(body.length);
  res.writeHead(reply.status, headers);
  res.end(body);
}
