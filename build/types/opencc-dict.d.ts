// opencc-js's dictionaries, each `source target|source target|…` (they ship no types); the ones
// kiosk-app/host/search/normalize.ts reads.
declare module 'opencc-js/dict/CJK_Compatibility_Ideographs' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/HKVariantsRevPhrases' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/TSPhrases' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/TSCharacters' {
  const dictionary: string;
  export default dictionary;
}
