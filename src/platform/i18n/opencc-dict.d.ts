// opencc-js ships its dictionaries as untyped ES modules: each default-exports a string.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
