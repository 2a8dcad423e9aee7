import { entraAccessScope } from '../../common/entra-app';

/** Entra sign-in is on when the console was built with DOCKET_ENTRA_CLIENT_ID (see webpack.admin.config.js). */
export const ENTRA_CLIENT_ID: string = process.env.DOCKET_ENTRA_CLIENT_ID ?? '';
export const ENTRA_TENANT_ID: string = process.env.DOCKET_ENTRA_TENANT_ID ?? 'organizations';

/** The API scope the backend checks (DESIGN §3: `aud` and scope); the console shares the add-in's origin. */
export const entraScope = (clientId: string) => entraAccessScope(window.location.origin, clientId);
