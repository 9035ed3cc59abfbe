// The bundle must be valid OpenAPI 3.1 to an independent validator, lint clean, and 3.1-only.
import { describeBundledSpecValidity } from '@apiforge/spec-build/testing';

describeBundledSpecValidity('luludesk', new URL('../dist/openapi.json', import.meta.url));
