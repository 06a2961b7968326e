import { migration001 } from "./migrations/001-foundation.ts";
import { migration002 } from "./migrations/002-shared-agendas.ts";
import { migration003 } from "./migrations/003-message-attachments.ts";
import { migration004 } from "./migrations/004-meeting-polls.ts";
import { migration005 } from "./migrations/005-direct-messages-and-pins.ts";
import { migration006 } from "./migrations/006-trainings.ts";
import { migration007 } from "./migrations/007-document-links.ts";
import { migration008 } from "./migrations/008-registry-faq-onboarding.ts";
import { migration009 } from "./migrations/009-staff-announcements.ts";
import { migration010 } from "./migrations/010-personal-data.ts";
import { migration011 } from "./migrations/011-encryption.ts";
import { migration012 } from "./migrations/012-direct-rooms-and-refused-invites.ts";
import { migration013 } from "./migrations/013-room-members.ts";
import { migration014 } from "./migrations/014-any-catalog-language.ts";

/**
 * Append-only schema history. Each entry moves the database one version forward; the version
 * lives in `PRAGMA user_version`. Never edit an entry that has shipped: add a new one.
 */
export const migrations: readonly string[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
];
