import { ConfigurationError } from '@codeact/core';
import type { Setting } from './first-setting.js';

/** Checks a base URL setting: an http(s) URL, returned without a trailing slash. */
export function parseBaseUrl(setting: Setting): string {
  let url: URL | undefined;
  try {
    url = new URL(setting.value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ConfigurationError(
      `${setting.source} "${setting.value}" is not an http(s) URL. Include the scheme and path, e.g. http://localhost:8000/v1.`,
    );
  }
  return setting.value.replace(/\/+$/, '');
}
