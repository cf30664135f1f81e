import { describe, expect, it } from 'vitest';
import { SentenceStream } from '../../src/core/sentence-stream';
import { speakableText } from '../../src/core/speakable-text';

describe('speakableText', () => {
  it('does not read citation marks of an answer from documents aloud', () => {
    expect(speakableText('The valve closes within a minute [1]. Check it every winter [2, 3].')).toBe(
      'The valve closes within a minute. Check it every winter.',
    );
    expect(speakableText('压力应保持在一点五巴【1】。见[1][2]')).toBe('压力应保持在一点五巴。见');
    // A mark still being written never reaches the voice, and the text only grows as it streams.
    expect(speakableText('The valve closes [1')).toBe('The valve closes');
    expect(speakableText('The valve closes [1]. It')).toBe('The valve closes. It');
    // Brackets that are not citations stay.
    expect(speakableText('Press [OK] to start.')).toBe('Press [OK] to start.');
  });

  it('keeps the words of emphasis and links, drops their markers and addresses', () => {
    expect(speakableText('This is **very** _important_ and ~~old~~: see [the manual](https://example.com/manual).')).toBe(
      'This is very important and old: see the manual.',
    );
  });

  it('drops code blocks, inline code, pictures, bare URLs and HTML tags', () => {
    const md =
      'Run this:\n\n```sh\nnpm install\n```\n\nThen call `start()` and open https://localhost:4173/x now. ' +
      '![diagram](a.png) Done <b>here</b>.';
    expect(speakableText(md)).toBe('Run this:\nThen call and open now. Done here.');
  });

  it('ends headings with a full stop and puts each list item on its own line, without bullets or numbers', () => {
    expect(speakableText('## Steps\n\n1. Open the door\n2. Turn on *the* light\n\n- one\n- two')).toBe(
      'Steps.\nOpen the door.\nTurn on the light.\none.\ntwo.',
    );
  });

  it('reads a table row by row with its column names', () => {
    const md = '| Room | Temp |\n|---|---|\n| Kitchen | 21 °C |\n| Hall | 18 °C |';
    expect(speakableText(md)).toBe('Room: Kitchen, Temp: 21 °C.\nRoom: Hall, Temp: 18 °C.');
  });

  it('decodes entities and joins soft line breaks', () => {
    expect(speakableText('Salt &amp; pepper,\nthen taste.\n\n> Quoted line')).toBe('Salt & pepper, then taste.\nQuoted line');
  });

  it('cleans what a half-written answer has not closed yet', () => {
    expect(speakableText('The answer is **forty')).toBe('The answer is forty');
    expect(speakableText('Type `npm ins')).toBe('Type');
    expect(speakableText('Text first.\n\n```js\nconst x = 1;')).toBe('Text first.');
  });

  it('gives the same sentences when markdown is streamed in chunks as when it is whole', () => {
    const md =
      '# Kitchen lights\n\nThe **kitchen** lights are on. I turned them on at `18:00` as you asked. ' +
      'See [the schedule](https://home.local/schedule) for details.\n\n- Hall: off\n- Porch: on\n\n' +
      '```yaml\nlight: on\n```\n\nAnything else I can do for you today?';
    const once = new SentenceStream();
    const expected = [...once.update(speakableText(md)), ...once.finish()];
    expect(expected).toEqual([
      'Kitchen lights. The kitchen lights are on.',
      'I turned them on at as you asked.',
      'See the schedule for details.',
      'Hall: off. Porch: on.',
      'Anything else I can do for you today?',
    ]);
    for (const size of [1, 5, 17]) {
      const s = new SentenceStream();
      const got: string[] = [];
      for (let end = size; end < md.length + size; end += size) got.push(...s.update(speakableText(md.slice(0, end))));
      got.push(...s.finish());
      expect(got, `chunks of ${size}`).toEqual(expected);
    }
  });
});
