import { OperationCaller } from './caller.js';
import { assertCredential, defaultBaseUrlFor, normalizeBaseUrl, type LucentClientOptions } from './config.js';
import { InsightsResource, IssuesResource, SignalsResource } from './resources.js';
import { Transports } from './retry.js';

/**
 * Lucent Data API: issues, signals, insights. Every request is scoped to the
 * organization that owns the token.
 */
export class LucentClient {
  readonly issues: IssuesResource;
  readonly signals: SignalsResource;
  readonly insights: InsightsResource;
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;

  constructor(options: LucentClientOptions) {
    const apiKey = assertCredential('data', options?.apiKey);
    this.baseUrl = normalizeBaseUrl(options.baseUrl, defaultBaseUrlFor('data'));
    const caller = new OperationCaller(this.baseUrl, apiKey, new Transports(options));
    this.issues = new IssuesResource(caller);
    this.signals = new SignalsResource(caller);
    this.insights = new InsightsResource(caller);
  }
}
