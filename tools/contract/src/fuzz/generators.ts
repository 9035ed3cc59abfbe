// The request generators shared by the contract suite's fuzzing (`--fuzz N`) and the reliability suite.
export { fuzzCaseArbitrary, type CredentialChoice, type FuzzApi, type FuzzCase, type FuzzGenerationOptions, type ValueSource } from './requests.js';
export { arbitraryFromSchema, mutatedValue } from './schema-arbitrary.js';
export { headerText, hostileWireValue, percentEncode, toWire, validWireValue, type WireValue } from './values.js';
export { fitsScheme, placeToken, schemesOf, scopesOf, type Placed, type SecuritySchemeInfo } from './auth.js';
