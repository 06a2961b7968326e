// Every endpoint the test homeserver serves.
import type { RequestContext } from "../context.ts";
import { Router } from "../router.ts";
import { addAdminRoutes } from "./admin-routes.ts";
import { addAuthRoutes } from "./auth-routes.ts";
import { addDeviceRoutes } from "./device-routes.ts";
import { addDirectoryRoutes } from "./directory-routes.ts";
import { addEventRoutes } from "./event-routes.ts";
import { addKeysRoutes } from "./keys-routes.ts";
import { addMediaRoutes } from "./media-routes.ts";
import { addPushRoutes } from "./push-routes.ts";
import { addRoomRoutes } from "./room-routes.ts";
import { addSyncRoutes } from "./sync-routes.ts";
import { addUserRoutes } from "./user-routes.ts";

export function buildRoutes(): Router<RequestContext> {
  const routes = new Router<RequestContext>();
  addAuthRoutes(routes);
  addUserRoutes(routes);
  addDeviceRoutes(routes);
  addKeysRoutes(routes);
  addRoomRoutes(routes);
  addEventRoutes(routes);
  addSyncRoutes(routes);
  addPushRoutes(routes);
  addMediaRoutes(routes);
  addDirectoryRoutes(routes);
  addAdminRoutes(routes);
  return routes;
}
