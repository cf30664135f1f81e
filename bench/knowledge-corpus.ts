// The knowledge bench's documents: seeded, so every run indexes the same text. Plain-text files of
// paragraphs, half English-like (made-up words with a skewed frequency, like a real vocabulary, so
// keyword postings have common and rare words) and half Chinese (common characters in words of one
// to three). The passages are cut here by the app's own core chunker, exactly as the app will cut
// them, so the direct path embeds and indexes the very same texts.
import fs from 'node:fs';
import path from 'node:path';
import { chunkBlocks, DEFAULT_CHUNKING } from '../src/core/knowledge/chunking';
import { plainTextBlocks } from '../src/core/knowledge/text-blocks';
import { prng } from './prng';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tas',
  'vo',
  'pel',
  'dor',
  'sin',
  'gu',
  'fa',
  'bre',
  'nu',
  'ti',
  'ser',
  'mon',
  'ha',
  'lu',
];
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府';

function englishWords(random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < 4000) {
    const n = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

/** Skewed: low indexes (common words) far more often than high ones. */
const skewed = (random: () => number, n: number) => Math.floor(n * random() ** 3);

export interface CorpusDocument {
  name: string;
  text: string;
  /** The passages the app's chunker makes of it, in order. */
  passages: string[];
}

export interface CorpusBlock {
  documents: CorpusDocument[];
  passages: number;
}

export interface Corpus {
  blocks: CorpusBlock[];
  /** Searches: half English-like, half Chinese, of words that occur in the corpus. */
  queries: string[];
}

/** `blocks` blocks of `docsPerBlock` documents of about `passagesPerDoc` passages each. */
export function makeCorpus(seed: number, blocks: number, docsPerBlock: number, passagesPerDoc: number): Corpus {
  const random = prng(seed);
  const vocabulary = englishWords(random);
  const englishParagraph = () =>
    Array.from({ length: 30 + Math.floor(random() * 30) }, () => vocabulary[skewed(random, vocabulary.length)]).join(' ') + '.';
  const chineseWord = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => HAN[skewed(random, HAN.length)]).join('');
  const chineseParagraph = () => Array.from({ length: 25 + Math.floor(random() * 25) }, chineseWord).join('') + '。';
  const made: CorpusBlock[] = [];
  for (let b = 0; b < blocks; b++) {
    const documents: CorpusDocument[] = [];
    for (let d = 0; d < docsPerBlock; d++) {
      const chinese = d % 2 === 1;
      const paragraphs: string[] = [];
      let passages: string[] = [];
      // Paragraphs until the chunker makes the wanted number of passages.
      while (passages.length < passagesPerDoc) {
        for (let i = 0; i < 20; i++) paragraphs.push(chinese ? chineseParagraph() : englishParagraph());
        passages = chunkBlocks(plainTextBlocks(paragraphs.join('\n\n')), DEFAULT_CHUNKING).map((c) => c.text);
      }
      while (passages.length > passagesPerDoc) {
        paragraphs.pop();
        passages = chunkBlocks(plainTextBlocks(paragraphs.join('\n\n')), DEFAULT_CHUNKING).map((c) => c.text);
      }
      documents.push({ name: `bench-${b}-${d}${chinese ? '-zh' : ''}.txt`, text: paragraphs.join('\n\n'), passages });
    }
    made.push({ documents, passages: documents.reduce((n, doc) => n + doc.passages.length, 0) });
  }
  const queries = Array.from({ length: 30 }, (_, i) =>
    i % 2 === 0
      ? Array.from({ length: 2 + (i % 3) }, () => vocabulary[Math.floor(random() * 400)]).join(' ')
      : HAN[Math.floor(random() * 60)]! + HAN[Math.floor(random() * 60)]! + HAN[Math.floor(random() * 200)]!,
  );
  return { blocks: made, queries: [...new Set(queries)] };
}

/** Writes a block's documents into `dir`; returns their paths. */
export function writeBlock(dir: string, block: CorpusBlock): string[] {
  return block.documents.map((doc) => {
    const file = path.join(dir, doc.name);
    fs.writeFileSync(file, doc.text);
    return file;
  });
}
