import { AzureOpenAI } from 'openai';

// Tenants in the EU are served from our own Azure resource (data residency).
// The SDK reads the key from AZURE_OPENAI_API_KEY by itself.
export const azure = new AzureOpenAI({
  endpoint: 'https://contoso-support.openai.azure.com',
  apiVersion: '2024-10-21',
  deployment: 'gpt-4o-support',
});
