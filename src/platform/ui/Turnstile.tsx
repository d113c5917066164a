// Cloudflare Turnstile widget, rendered only when TURNSTILE_SITE_KEY is configured
// (the server then requires its token: src/platform/http/turnstile.ts). The security
// headers allow its script and frame origin.
export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

export function Turnstile(props: { siteKey?: string; lang: string }) {
  if (!props.siteKey) return null;
  return (
    <>
      <div class="cf-turnstile" data-sitekey={props.siteKey} data-language={props.lang === 'en' ? 'en' : props.lang === 'zh-Hant' ? 'zh-tw' : 'zh-cn'}></div>
      <script src={`${TURNSTILE_ORIGIN}/turnstile/v0/api.js`} async defer></script>
    </>
  );
}
