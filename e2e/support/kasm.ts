/**
 * The e2e run's STAND-IN Kasm API (test/support/kasm-standin.mjs, started by
 * playwright.config.ts as a web server): where it listens, the key the main
 * server uses, and the wrong key the fleet server uses. Test values only.
 */
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100);
export const KASM_STANDIN_PORT = PORT + 9;
export const KASM_STANDIN_URL = `https://127.0.0.1:${KASM_STANDIN_PORT}`;
export const KASM_STANDIN_DIR = `/tmp/ksd-e2e-kasm-${PORT}`;
export const KASM_STANDIN_CA = `${KASM_STANDIN_DIR}/tls/ca.pem`;
export const KASM_E2E_KEY = 'ksd-standin-key';
export const KASM_E2E_SECRET = 'ksd-standin-SECRET-7f2a9c41d8e6b5';
export const KASM_E2E_WRONG_KEY = 'ksd-wrong-key';
export const KASM_E2E_WRONG_SECRET = 'ksd-WRONG-secret-3c9e1a77b2';
/** Server logs the Kasm specs read (every line of the main and fleet servers). */
export const MAIN_SERVER_LOG = `/tmp/ksd-e2e-server-${PORT}.log`;
export const FLEET_SERVER_LOG = `/tmp/ksd-e2e-server-${PORT + 3}.log`;
