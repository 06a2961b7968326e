import { isIP } from "node:net";
import { z } from "zod";

// An address or CIDR range the link checker may contact although it is private ("10.0.0.0/8").
const addressRange = z.string().refine(
  (text) => {
    const [address = "", prefix, ...rest] = text.split("/");
    const version = isIP(address);
    if (version === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
  },
  { error: "adresse IP ou plage CIDR attendue, par exemple 192.168.1.20 ou 10.0.0.0/8" },
);

/** Config key `documents`: the link check of the rooms' documents. */
export const documentsConfigSchema = z
  .strictObject({
    linkCheck: z
      .strictObject({
        enabled: z.boolean().default(true),
        intervalDays: z.number().int().min(1).max(365).default(7),
        timeoutSeconds: z.number().int().min(1).max(60).default(10),
        allowedAddresses: z.array(addressRange).default([]),
      })
      .prefault({}),
  })
  .prefault({});

declare module "../config/schema.ts" {
  interface FeatureConfigSections {
    readonly documents: z.output<typeof documentsConfigSchema>;
  }
}
