import { fileURLToPath } from 'node:url';

/** The built web UI that `codeact serve` hands to the server: `apps/web/dist` of this checkout. */
export const webAssetDir = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
