// Matrix error responses (spec: "Standard error response"): a JSON body with `errcode` and
// `error`, and the HTTP status the spec gives for each code.
import type { JsonObject } from "./types.ts";

export class MatrixError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: JsonObject = {},
    /** Response headers besides the defaults (the injected 429s' Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  toJSON(): JsonObject {
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

export const forbidden = (message: string): MatrixError => new MatrixError(403, "M_FORBIDDEN", message);
export const notFound = (message: string): MatrixError => new MatrixError(404, "M_NOT_FOUND", message);
export const badJson = (message: string): MatrixError => new MatrixError(400, "M_BAD_JSON", message);
export const notJson = (message: string): MatrixError => new MatrixError(400, "M_NOT_JSON", message);
export const invalidParam = (message: string): MatrixError =>
  new MatrixError(400, "M_INVALID_PARAM", message);
export const missingParam = (message: string): MatrixError =>
  new MatrixError(400, "M_MISSING_PARAM", message);
export const unrecognized = (status: 404 | 405, message: string): MatrixError =>
  new MatrixError(status, "M_UNRECOGNIZED", message);
