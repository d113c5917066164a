import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { publicCache } from '../http/cache.ts';
import { openApiDocument } from './spec.ts';

export const openApiApi = new Hono<AppEnv>();

openApiApi.get('/openapi.json', publicCache(300, 3600), (c) => c.json(openApiDocument()));
