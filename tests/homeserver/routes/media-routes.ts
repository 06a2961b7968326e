// The content repository: upload, download (legacy /_matrix/media/v3 and authenticated
// /_matrix/client/v1/media), thumbnails and config (spec: content-repo.yaml, authed-content-repo.yaml).
import { CLIENT_V1, MEDIA, type RequestContext, type Routes } from "../context.ts";
import { MatrixError, notFound } from "../errors.ts";
import { json, type Reply } from "../http.ts";
import { MAX_UPLOAD_BYTES } from "../media.ts";

/** Types Synapse serves inline; anything else is an attachment (see synapse/media/_base.py). */
const INLINE_TYPES = /^(text\/plain|text\/css|image\/(jpeg|gif|png|apng|webp|avif)|video\/(mp4|webm|ogg|quicktime)|audio\/(mp4|webm|aac|mpeg|ogg|wave|wav|x-wav|x-pn-wav|flac|x-flac))(;|$)/;

export function addMediaRoutes(routes: Routes): void {
  routes.add("POST", `${MEDIA}/upload`, upload);
  for (const prefix of [MEDIA, `${CLIENT_V1}/media`]) {
    const authenticated = prefix !== MEDIA;
    routes.add("GET", `${prefix}/config`, (ctx) => {
      if (authenticated) ctx.session();
      return json({ "m.upload.size": MAX_UPLOAD_BYTES });
    });
    for (const suffix of ["download/:serverName/:mediaId", "download/:serverName/:mediaId/:fileName"]) {
      routes.add("GET", `${prefix}/${suffix}`, (ctx) => download(ctx, authenticated, false));
    }
    routes.add("GET", `${prefix}/thumbnail/:serverName/:mediaId`, (ctx) => download(ctx, authenticated, true));
  }
}

function upload(ctx: RequestContext): Reply {
  const session = ctx.session();
  if (ctx.body.length > MAX_UPLOAD_BYTES) throw new MatrixError(413, "M_TOO_LARGE", "Upload request body is too large");
  const contentType = ctx.headers["content-type"] ?? "application/octet-stream";
  const mediaId = ctx.core.media.put({
    contentType,
    body: ctx.body,
    filename: ctx.query.get("filename") ?? undefined,
    uploader: session.userId,
  });
  return json({ content_uri: `mxc://${ctx.core.serverName}/${mediaId}` });
}

function download(ctx: RequestContext, authenticated: boolean, thumbnail: boolean): Reply {
  if (authenticated) ctx.session();
  const media = ctx.param("serverName") === ctx.core.serverName ? ctx.core.media.get(ctx.param("mediaId")) : undefined;
  // No thumbnailer here: images are their own thumbnail, other media have none.
  if (!media || (thumbnail && !media.contentType.startsWith("image/"))) throw notFound("Not found");
  const headers: Record<string, string> = {
    "Content-Type": media.contentType,
    "Content-Security-Policy": "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; media-src 'self'; object-src 'self';",
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
  const name = ctx.params["fileName"] ?? media.filename;
  const disposition = INLINE_TYPES.test(media.contentType) ? "inline" : "attachment";
  headers["Content-Disposition"] = name === undefined ? disposition : `${disposition}; filename*=utf-8''${encodeURIComponent(name)}`;
  return { status: 200, body: media.body, headers };
}
