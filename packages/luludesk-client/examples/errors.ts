import {
  LuluDeskClient,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type InvalidParam,
} from '@apiforge/luludesk-client';

const client = new LuluDeskClient({
  apiKey: process.env.LULUDESK_API_KEY!,
  workspaceId: process.env.LULUDESK_WORKSPACE_ID!,
  maxRetries: 3, // 429 and 5xx are retried (Retry-After is honoured); every call is a read
});

try {
  await client.handoffs.list({ limit: 500 });
} catch (error) {
  if (error instanceof UnprocessableEntityError) {
    // error.code === 'invalid_params'; one entry per rejected query parameter
    for (const detail of error.details as InvalidParam[]) {
      console.log(`${detail.field}=${detail.value}: ${detail.constraint}`);
    }
  } else if (error instanceof PermissionDeniedError) {
    // 'insufficient_scope' (the key lacks read:handoffs) or 'forbidden' (unknown, revoked or other workspace)
    console.log(error.code, error.message);
  } else if (error instanceof RateLimitError) {
    console.log(`still rate limited; retry in ${error.retryAfter ?? 60} s`);
  } else {
    throw error;
  }
}
