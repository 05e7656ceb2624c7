/**
 * The vendor SDKs the seam's added adapters are written on, pinned exactly as `aidlint seam add-provider`
 * pins them (from rules/vendors/seam-providers.ts), for installPackages.
 */
import { SEAM_PROVIDERS } from '../../rules/vendors/seam-providers';

export const VENDOR_SDKS = SEAM_PROVIDERS.flatMap((provider) => (provider.sdk ? [`${provider.sdk.name}@${provider.sdk.version}`] : []));
