import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/cookie';
import { CITIZEN_TOKEN_HEADER } from '../chat/citizenToken';

/** The one error shape (api/errors.ts errorBody); api/openapi/components.test.ts holds the two together. */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({ description: 'Stable, for programs: `invalid_request`, `not_found`, `forbidden` …' }),
        message: z.string().meta({ description: 'For people, in Vietnamese and English' }),
        field: z.string().optional().meta({ description: 'The field (or header) at fault, when one is' }),
      })
      .strict(),
  })
  .strict()
  .meta({ description: 'Every refusal and failure of the API' });

/** GeoReport v2's error list (api/open311/errors.ts open311ErrorList): `[{code, description}]`, `<errors><error>…` in XML. */
export const open311ErrorsSchema = z
  .array(
    z
      .object({
        code: z.number().int().meta({ description: 'The HTTP status' }),
        description: z
          .string()
          .meta({ description: 'What is wrong, naming the field, with our error code in brackets' }),
      })
      .strict(),
  )
  .meta({ description: "Every refusal under /open311/v2, in the standard's shape" });

export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The dashboard session, set by POST /api/auth/signin. A state-changing request signed by it must come from this origin (its Origin header), else 403 `csrf`.',
  },
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff API token (`cdt_…`), issued with `npm run user -- token NAME`.',
  },
  citizenToken: {
    type: 'apiKey',
    in: 'header',
    name: CITIZEN_TOKEN_HEADER,
    description:
      "The citizen's key to what they filed (a report, an initiative) or to a general thread opened for them, returned once by its creation.",
  },
} as const;

/** Staff credentials, either of them. */
export const STAFF_SECURITY = [{ sessionCookie: [] }, { bearerToken: [] }];
