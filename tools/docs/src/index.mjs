export { renderAll, renderApi, renderSite } from './render.mjs';
export { curlSample, exampleRequest } from './curl-sample.mjs';
export { withCodeSamples, sampleArgs, CURL_LABEL, TYPESCRIPT_LABEL } from './code-samples.mjs';
export { apiNames, readBundledSpec, findClientPackage, defaultOutDir } from './workspace.mjs';
export { operations } from './spec-walk.mjs';
