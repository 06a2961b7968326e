"use strict";
// matrix-bot-sdk requires this module at import time but only uses it for end-to-end encryption,
// which Minou does not enable. Every export is a stand-in that throws as soon as it is used, so a
// mistake shows up as a clear message instead of a missing-binary crash at start-up.
const message =
  "Minou runs without end-to-end encryption: @matrix-org/matrix-sdk-crypto-nodejs is replaced " +
  "by a stand-in (see packages/crypto-unavailable). Do not enable encryption in matrix-bot-sdk.";

function unavailable() {
  throw new Error(message);
}

module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === "__esModule") return false;
      if (typeof name === "symbol") return undefined;
      return new Proxy(unavailable, {
        construct: unavailable,
        apply: unavailable,
        get(_fn, property) {
          if (typeof property === "symbol" || property === "then") return undefined;
          // Enum members (StoreType.Sqlite, …) are read while modules load; reading is harmless.
          return `${String(name)}.${String(property)}`;
        },
      });
    },
  },
);
