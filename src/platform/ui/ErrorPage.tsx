import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.ts';
import { DEFAULT_LANG } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { MessagePage } from './MessagePage.tsx';

export function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode) {
  const lang = c.get('lang') ?? DEFAULT_LANG;
  const t = messages(lang);
  const [title, body] =
    status === 403
      ? [t.forbiddenTitle, t.forbiddenBody]
      : status === 413
        ? [t.tooLargeTitle, t.tooLargeBody]
        : status < 500
          ? [t.badRequestTitle, t.badRequestBody]
          : [t.errorTitle, t.errorBody];
  return c.html(<MessagePage lang={lang} path={c.req.path} title={title} body={body} />, status);
}

export function notFoundPage(c: Context<AppEnv>) {
  const lang = c.get('lang');
  const t = messages(lang);
  return c.html(<MessagePage lang={lang} path={c.req.path} title={t.notFoundTitle} body={t.notFoundBody} />, 404);
}
