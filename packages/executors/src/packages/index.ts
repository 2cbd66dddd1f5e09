export { installBridgeName, installToolName } from './install-packages-call.js';
export { defaultIndexUrl, PackageInstaller, type PackageInstallerOptions } from './package-installer.js';
export { defaultPackageCacheDir, type PackageOptions } from './package-options.js';
export {
  checkPackageRules,
  type PackagePolicy,
  type PackageRules,
  packagePolicies,
  parsePackageRules,
} from './package-policy.js';
export { normalizePackageName, type PackageRequest, parsePackageRequests } from './package-request.js';
export { readSiteManifest } from './site-manifest.js';
