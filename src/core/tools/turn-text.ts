// One text for everything a tool turn says aloud. The voice loop speaks a text that only grows (core
// sentence-stream), but a model's tool turn says several things in a row: a tool's sentence, perhaps
// a refusal and a second call's sentence, then the answer in words, each starting from nothing.
// Joined here, each new message follows what was said before instead of replacing it.

/** Wraps `onText` (whole text so far, growing); a text that does not continue the last one starts
 *  a new message after what was said. */
export function joinedTurnText(onText: (text: string) => void): (text: string) => void {
  let said = '';
  let current = '';
  return (text) => {
    if (!text.startsWith(current)) said = join(said, current);
    current = text;
    onText(join(said, text));
  };
}

const join = (before: string, next: string): string => {
  const head = before.trimEnd();
  return head && next ? `${head} ${next.trimStart()}` : head || next;
};
