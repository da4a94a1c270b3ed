import { describe, expect, it } from 'vitest';
import { pathTemplate } from './paths';

describe('pathTemplate', () => {
  it.each([
    ['/api/reports', '/api/reports', []],
    ['/api/reports/:id/transitions', '/api/reports/{id}/transitions', [{ name: 'id', schema: { type: 'string' } }]],
    ['/api/x/:id{[0-9]+}', '/api/x/{id}', [{ name: 'id', schema: { type: 'string' } }]],
    [
      '/open311/v2/:doc{requests\\.(?:json|xml)}',
      '/open311/v2/requests.{format}',
      [
        {
          name: 'format',
          schema: { type: 'string', enum: ['json', 'xml'] },
          description: "The answer's format: json or xml",
        },
      ],
    ],
    [
      '/open311/v2/services/:doc{[^/]+\\.(?:json|xml)}',
      '/open311/v2/services/{doc}.{format}',
      [
        { name: 'doc', schema: { type: 'string' } },
        {
          name: 'format',
          schema: { type: 'string', enum: ['json', 'xml'] },
          description: "The answer's format: json or xml",
        },
      ],
    ],
    // Beyond words, one wildcard and one choice: the pattern stays, on one parameter.
    ['/a/:v{(a|b)-(c|d)}', '/a/{v}', [{ name: 'v', schema: { type: 'string', pattern: '^(a|b)-(c|d)$' } }]],
    ['/a/:n{\\d{2}}', '/a/{n}', [{ name: 'n', schema: { type: 'string' } }]],
  ])('%s → %s', (path, template, params) => {
    expect(pathTemplate(path)).toEqual({ path: template, params });
  });
});
