// The share buttons of the pledge and thank-you pages (ShareLinks.tsx), bundled by
// `npm run build:web` into web/share.js. The links work without it; where the browser
// can, it shows a button for the system's share sheet (Web Share API) and one that
// copies the address, and says when the address was copied.
for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-share-box]'))) {
  // Always the address given by the page: on the thank-you page location.href holds a token.
  const url = box.dataset.url;
  if (!url) continue;
  const data: ShareData = { title: box.dataset.title ?? document.title, url };
  const status = box.querySelector<HTMLElement>('[data-share-status]');
  const say = (text: string | undefined) => {
    if (status) status.textContent = text ?? '';
  };

  const share = box.querySelector<HTMLButtonElement>('button[data-share]');
  if (share && typeof navigator.share === 'function' && (!navigator.canShare || navigator.canShare(data))) {
    share.hidden = false;
    share.addEventListener('click', () => {
      // Closing the share sheet rejects the promise: nothing to say then.
      navigator.share(data).catch(() => undefined);
    });
  }

  const copy = box.querySelector<HTMLButtonElement>('button[data-copy]');
  if (copy && navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    copy.hidden = false;
    copy.addEventListener('click', () => {
      navigator.clipboard.writeText(url).then(
        () => say(copy.dataset.done),
        () => say(copy.dataset.failed),
      );
    });
  }
}
