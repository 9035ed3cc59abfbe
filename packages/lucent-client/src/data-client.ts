import type { LucentClientOptions } from './config.js';
import { createLucentDataClient } from './operation-functions.js';
import { InsightsResource, IssuesResource, SignalsResource } from './resources.js';

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
    const client = createLucentDataClient(options);
    this.baseUrl = client.baseUrl;
    this.issues = new IssuesResource(client);
    this.signals = new SignalsResource(client);
    this.insights = new InsightsResource(client);
  }
}
