// Words any TinyStories continuation uses: stories260K is tiny but trained, so its answers are checked
// on them (random output rarely hits three) rather than on "some text came" (test tooling).
const STORY_WORDS = new Set(
  'the a was she he and to little girl boy day one time upon her his they said play happy it in with there lily tim big saw wanted'.split(
    ' ',
  ),
);

/** The story words in `text` (lower-cased, each once). */
export const storyWords = (text: string): Set<string> =>
  new Set((text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => STORY_WORDS.has(w)));
