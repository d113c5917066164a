// The API document's cover text. The document itself is generated from the route
// declarations (src/api.ts assembles them) and handed to this feature's routes, so
// docs imports no other feature.
export const API_TITLE = 'Pledge platform API';
export const API_VERSION = '1.0.0';

export const API_DESCRIPTION =
  'Public API of the pledge platform. Errors are always {"error":{"code","message","fields"?}}. ' +
  'Times are milliseconds since the epoch. Language-dependent labels follow ?lang=zh-Hans|zh-Hant|en. ' +
  'No response ever contains an email address.';

export type OpenApiDocument = () => Record<string, unknown>;
