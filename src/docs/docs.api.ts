import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { openApiDocument } from './docs.ts';

export const openApiApi = new Hono<AppEnv>();

openApiApi.get('/openapi.json', publicCache(300, 3600), (c) => c.json(openApiDocument()));
