// Floor 1: the cheapest possible Worker on the same runtime.
export default {
  fetch: () => new Response('ok'),
};
