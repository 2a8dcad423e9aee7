/** Values webpack's DefinePlugin writes into the add-in bundles at build time (see webpack.config.js). */

/** Origin of the tracking API, e.g. `https://tracking.example.com` (dev: `https://localhost:3000`). */
declare const __DOCKET_API_ORIGIN__: string;

/** Entra ID application (client) id for MSAL nested app authentication; empty when the build had none. */
declare const __DOCKET_ENTRA_CLIENT_ID__: string;
