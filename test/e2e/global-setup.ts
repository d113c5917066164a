// Vitest global setup for the "node" project: one app server for all end-to-end test
// files, started as `npm start` starts it (wrangler dev, fresh local D1, free port).
import type { TestProject } from 'vitest/node';
import { startApp } from '../../scripts/app-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('baseURL', app.url);
  return async () => {
    await app.stop();
  };
}
