/**
 * `import '@apiforge/lumiqtrace-client/logging'` once where a browser app starts to enable the client options logger,
 * logLevel, onRequest and onResponse there; browser bundles leave them out otherwise. Outside browser
 * bundles they are built in, and this import changes nothing.
 */
import '@apiforge/client-core/logging';
