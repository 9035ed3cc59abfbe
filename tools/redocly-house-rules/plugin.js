// House rules for every API spec in this repo. Redocly loads this file from redocly.yaml;
// each rule lives in rules/ and is configured (severity, options) per API there.
import ResponseExample from './rules/response-example.js';
import ErrorResponseSchema from './rules/error-response-schema.js';
import ErrorNoStore from './rules/error-no-store.js';
import UnauthorizedChallenge from './rules/unauthorized-challenge.js';
import RateLimitHeaders from './rules/rate-limit-headers.js';
import ListPagination from './rules/list-pagination.js';
import NoNullable from './rules/no-nullable.js';
import OperationScopes from './rules/operation-scopes.js';
import Provenance from './rules/provenance.js';

export default function houseRulesPlugin() {
  return {
    id: 'house',
    rules: {
      oas3: {
        'response-example': ResponseExample,
        'error-response-schema': ErrorResponseSchema,
        'error-no-store': ErrorNoStore,
        'unauthorized-challenge': UnauthorizedChallenge,
        'rate-limit-headers': RateLimitHeaders,
        'list-pagination': ListPagination,
        'no-nullable': NoNullable,
        'operation-scopes': OperationScopes,
        provenance: Provenance,
      },
    },
  };
}
