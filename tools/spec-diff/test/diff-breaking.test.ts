import { describe, expect, it } from 'vitest';
import { diffFixture, expectChanges, type Expected } from './fixtures.js';

const ISSUES = 'GET /api/v1/issues';
const CREATE = 'POST /api/v1/issues';
const ONE = 'GET /api/v1/issues/{issueId}';

const cases: Record<string, Expected[]> = {
  'path-removed': [['breaking', 'path-removed', '/api/v1/issues/{issueId} removed', 'Path /api/v1/issues/{issueId} and all its operations were removed without being deprecated first.']],
  'operation-removed': [['breaking', 'operation-removed', `${CREATE} removed`, 'Operation POST /api/v1/issues was removed without being deprecated first.']],
  'parameter-removed': [['breaking', 'parameter-removed', `${ISSUES} › query.cursor removed`, 'Query parameter `cursor` was removed']],
  'path-level-parameter-removed': [
    ['breaking', 'parameter-removed', `${ISSUES} › header.X-Tenant removed`, 'Header parameter `X-Tenant` was removed'],
    ['breaking', 'parameter-removed', `${CREATE} › header.X-Tenant removed`, 'Header parameter `X-Tenant` was removed'],
  ],
  'path-parameter-renamed': [['breaking', 'path-parameter-renamed', 'GET /api/v1/issues/{id} › path.issueId → path.id', 'generated clients rename the argument']],
  'response-property-removed': [['breaking', 'response-property-removed', `${ONE} › response 200.assignee removed`, 'Field `assignee` of the 200 response was removed']],
  'nested-response-property-removed': [['breaking', 'response-property-removed', `${ONE} › response 200.owner.name removed`, 'Field `owner.name` of the 200 response was removed']],
  'response-property-became-optional': [['breaking', 'response-property-became-optional', `${ONE} › response 200.title › required true → false`, 'may be absent']],
  'request-enum-value-removed': [['breaking', 'enum-value-removed', `${CREATE} › body.status › enum "closed" removed`, 'no longer accepts "closed"']],
  'response-enum-value-removed': [['breaking', 'enum-value-removed', `${ONE} › response 200.status › enum "closed" removed`, 'no longer returns "closed"']],
  'response-enum-value-added': [['breaking', 'enum-value-added', `${ONE} › response 200.status › enum "archived" added`, 'may now return "archived"']],
  'required-parameter-added': [['breaking', 'parameter-added', `${ISSUES} › query.project added (required)`, 'New required query parameter `project`']],
  'parameter-became-required': [['breaking', 'parameter-became-required', `${ISSUES} › query.cursor › required false → true`, 'Query parameter `cursor` is now required']],
  'required-request-field-added': [['breaking', 'request-property-added', `${CREATE} › body.projectId added (required)`, 'was added as required']],
  'request-field-became-required': [['breaking', 'request-property-became-required', `${CREATE} › body.priority › required false → true`, 'Field `priority` of the request body is now required']],
  'request-type-narrowed': [['breaking', 'type-narrowed', `${CREATE} › body.assignee › type [string, null] → string`, 'no longer accepts null']],
  'request-type-changed': [['breaking', 'type-changed', `${CREATE} › body.priority › type integer → string`, 'no longer accepts integer']],
  'response-type-widened': [['breaking', 'type-widened', `${ONE} › response 200.title › type string → [string, null]`, 'may now be null']],
  'array-item-type-changed': [['breaking', 'type-changed', `${ONE} › response 200.labels[] › type string → integer`, 'Field `labels[]` of the 200 response may now be integer']],
  'parameter-maximum-lowered': [['breaking', 'bound-tightened', `${ISSUES} › query.limit › maximum 200 → 100`, 'Query parameter `limit`: maximum lowered from 200 to 100']],
  'request-minimum-raised': [['breaking', 'bound-tightened', `${CREATE} › body.priority › minimum 1 → 2`, 'minimum raised from 1 to 2']],
  'request-max-length-lowered': [['breaking', 'bound-tightened', `${CREATE} › body.title › maxLength 200 → 100`, 'maximum length lowered from 200 to 100']],
  'request-max-items-lowered': [['breaking', 'bound-tightened', `${CREATE} › body.tags › maxItems 10 → 5`, 'maximum item count lowered from 10 to 5']],
  'security-scope-added': [['breaking', 'security-tightened', `${CREATE} › security bearerAuth[issues:read] → bearerAuth[issues:read, issues:write]`, 'newly required scope issues:write']],
  'security-requirement-added': [['breaking', 'security-tightened', 'GET /api/v1/health › security anonymous → bearerAuth[issues:read]', 'authentication is now required']],
  'security-scheme-changed': [['breaking', 'security-scheme-changed', 'components › securitySchemes.bearerAuth changed', 'Security scheme bearerAuth changed']],
  'response-status-removed': [['breaking', 'response-status-removed', `${ONE} › response 404 removed`, 'The 404 response was removed']],
  'server-url-changed': [['breaking', 'server-url-changed', 'servers https://api.example.com → https://api.example.net', 'clients calling https://api.example.com will miss the API']],
  'path-server-url-changed': [['breaking', 'server-url-changed', '/api/v1/issues › servers https://api.example.com → https://ingest.example.com', 'Server URL for path /api/v1/issues changed']],
  'operation-id-changed': [['breaking', 'operation-id-changed', `${ONE} › operationId "getIssue" → "fetchIssue"`, 'generated clients rename the method']],
  'const-changed': [['breaking', 'const-changed', 'POST /imports › body.format › const "ndjson-v1" → "ndjson-v2"', 'changed its fixed value']],
  'request-variant-removed': [['breaking', 'variant-removed', 'POST /payments › body › Transfer variant removed', 'no longer accepts the Transfer variant']],
  'response-variant-added': [['breaking', 'variant-added', 'GET /events/{eventId} › response 200 › Reopened variant added', 'may now be the Reopened variant']],
  'recursive-schema': [['breaking', 'response-property-removed', 'GET /trees/{treeId} › response 200.weight removed', 'Field `weight` of the 200 response was removed']],
};

describe('breaking changes', () => {
  for (const [name, expected] of Object.entries(cases)) {
    it(name, () => {
      const { actual, wanted, messagesOk } = expectChanges(diffFixture(name), expected);
      expect(actual).toEqual(wanted);
      expect(messagesOk).toBe(true);
    });
  }
});
