// A small path router. Patterns are "/"-separated; a segment is a literal, alternatives
// ("v3|r0") or a parameter (":roomId"). Parameters are percent-decoded one segment at a time,
// so an encoded "/" inside a state key stays part of that parameter.
import { invalidParam, unrecognized } from "./errors.ts";
import type { Reply } from "./http.ts";

export type Params = Readonly<Record<string, string>>;

type Segment = { readonly literals: readonly string[] } | { readonly param: string };

interface Route<Context> {
  readonly method: string;
  readonly segments: readonly Segment[];
  readonly handler: (ctx: Context) => Reply | Promise<Reply>;
}

export type RouteMatch<Context> = {
  readonly handler: (ctx: Context) => Reply | Promise<Reply>;
  readonly params: Params;
};

export class Router<Context> {
  private readonly routes: Route<Context>[] = [];

  add(method: string, pattern: string, handler: (ctx: Context) => Reply | Promise<Reply>): void {
    const segments = pattern
      .split("/")
      .map((part): Segment => (part.startsWith(":") ? { param: part.slice(1) } : { literals: part.split("|") }));
    this.routes.push({ method, segments, handler });
  }

  /** Throws 404 M_UNRECOGNIZED for unknown paths and 405 M_UNRECOGNIZED for a known path with another method. */
  match(method: string, rawPath: string): RouteMatch<Context> {
    const parts = rawPath.split("/");
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      pathKnown = true;
    }
    if (pathKnown) throw unrecognized(405, "Unrecognized request");
    throw unrecognized(404, "Unrecognized request");
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Params | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const part = parts[i] as string;
    if ("param" in segment) {
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        throw invalidParam(`Malformed percent-encoding in ${segment.param}`);
      }
    } else if (!segment.literals.includes(part)) {
      return undefined;
    }
  }
  return params;
}
