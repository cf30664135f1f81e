// A small personal library for the knowledge recall test, generated at test time: three English and
// three Chinese documents (.md, .txt, .html), each a few sections of ordinary household writing, and
// 36 labelled questions. Each question names the document that answers it and an answer string
// found in exactly one passage of the whole library, so "the right passage" is the one holding that
// string, whatever the chunker's boundaries. Sections also carry neighbouring, similar-sounding
// paragraphs, so a question's words are found in more than one place.
import fs from 'node:fs';
import path from 'node:path';
import { markdownBlocks, plainTextBlocks, type TextBlock } from '../../src/core/knowledge/text-blocks';

export type Language = 'en' | 'zh';

export interface LabelledQuestion {
  language: Language;
  question: string;
  /** The document (file name) whose passage answers it. */
  document: string;
  /** A string only the right passage contains. */
  answer: string;
}

interface Section {
  heading: string;
  /** Paragraphs; `[text, question]` marks a paragraph that answers a question (the answer string first). */
  paragraphs: (string | { text: string; answer: string; question: string })[];
}

interface LibraryDocument {
  name: string;
  language: Language;
  title: string;
  sections: Section[];
}

const fact = (text: string, answer: string, question: string) => ({ text, answer, question });

const DOCUMENTS: LibraryDocument[] = [
  {
    name: 'heating-manual.md',
    language: 'en',
    title: 'Boiler and heating manual',
    sections: [
      {
        heading: 'Pressure',
        paragraphs: [
          fact(
            'Keep the boiler pressure between 1 and 2 bar; the gauge should read 1.5 bar when the heating is cold.',
            '1.5 bar',
            'What should the boiler pressure gauge read?',
          ),
          'The pressure rises a little while the radiators are hot, which is normal and needs nothing done.',
        ],
      },
      {
        heading: 'Topping up',
        paragraphs: [
          fact(
            'To top up, open the filling loop under the boiler slowly until the needle reaches the green zone, then close both taps.',
            'filling loop',
            'How do I top up the boiler pressure?',
          ),
          'Never top up while the boiler is firing; switch the heating off and let it cool first.',
        ],
      },
      {
        heading: 'Radiators',
        paragraphs: [
          fact(
            'If a radiator is cold at the top, bleed it with the square radiator key: a quarter turn is enough; close it when water appears.',
            'quarter turn',
            'A radiator is cold at the top, what do I do?',
          ),
          'Radiators in the bedrooms have thermostatic valves; set them to 3 for about 19 degrees.',
        ],
      },
      {
        heading: 'Fault codes',
        paragraphs: [
          fact(
            'Fault code E119 means the water pressure is too low: top up the system, then press reset.',
            'E119',
            'What does fault code E119 mean?',
          ),
          'Any other fault code that comes back after a reset needs the engineer; write it down before calling.',
        ],
      },
      {
        heading: 'Service',
        paragraphs: [
          fact(
            'The boiler must be serviced once a year, every October, by a registered gas engineer.',
            'every October',
            'When should the boiler be serviced?',
          ),
          'Keep the service record with the warranty card in the kitchen drawer.',
        ],
      },
      {
        heading: 'Thermostat',
        paragraphs: [
          fact(
            'The thermostat heats the house to 20 degrees from 6:30 to 8:30 in the morning and from 17:00 to 22:30.',
            '6:30 to 8:30',
            'At what time does the thermostat heat the house in the morning?',
          ),
          'The holiday button keeps the house at 12 degrees until you come back.',
        ],
      },
    ],
  },
  {
    name: 'recipes.txt',
    language: 'en',
    title: 'Family recipes',
    sections: [
      {
        heading: 'Pancakes',
        paragraphs: [
          fact(
            'For twelve pancakes whisk 250 g of flour, 2 eggs and 500 ml of milk, then let the batter rest for half an hour.',
            '250 g of flour',
            'How much flour goes into the pancake batter?',
          ),
          'Serve the pancakes with lemon and sugar, or with apple sauce.',
        ],
      },
      {
        heading: 'Tomato soup',
        paragraphs: [
          fact(
            'Simmer the tomato soup for 25 minutes before blending it with a handful of basil.',
            '25 minutes',
            'How long should the tomato soup simmer?',
          ),
        ],
      },
      {
        heading: 'Sourdough bread',
        paragraphs: [
          fact(
            'Bake the sourdough loaf at 230 degrees, first covered with the lid, then uncovered until the crust is dark.',
            '230 degrees',
            'At what oven temperature do I bake the sourdough loaf?',
          ),
          'Feed the starter the evening before baking day.',
        ],
      },
      {
        heading: 'Risotto',
        paragraphs: [
          fact(
            'Add the stock to the risotto one ladle at a time and stir for about 18 minutes until the rice is creamy.',
            '18 minutes',
            'How long do I stir the risotto?',
          ),
        ],
      },
      {
        heading: 'Chili',
        paragraphs: [
          fact(
            'The chili gets one teaspoon of smoked paprika and two cans of kidney beans.',
            'kidney beans',
            'How many cans of beans go into the chili?',
          ),
        ],
      },
      {
        heading: 'Apple crumble',
        paragraphs: [
          fact(
            'For the crumble topping rub 100 g of cold butter into 150 g of flour and 75 g of brown sugar.',
            '100 g of cold butter',
            'How much butter goes into the crumble topping?',
          ),
          'Bake the crumble until the apples bubble at the edges.',
        ],
      },
    ],
  },
  {
    name: 'bike-repair.html',
    language: 'en',
    title: 'Bike repair notes',
    sections: [
      {
        heading: 'Tyres',
        paragraphs: [
          fact(
            'Inflate the road bike tyres to about 90 psi; the town bike has wider tyres that want much less.',
            '90 psi',
            'What pressure should the road bike tyres have?',
          ),
        ],
      },
      {
        heading: 'Chain',
        paragraphs: [
          fact(
            'Clean and oil the chain every 300 kilometres, and after every ride in the rain.',
            '300 kilometres',
            'How often should the bike chain be oiled?',
          ),
          'A chain that squeaks is dry; wipe off the old oil before adding new.',
        ],
      },
      {
        heading: 'Brakes',
        paragraphs: [
          fact(
            'Replace the brake pads when the grooves are worn away or the pad is thinner than 1.5 mm.',
            'thinner than 1.5 mm',
            'When do I replace the brake pads?',
          ),
        ],
      },
      {
        heading: 'Punctures',
        paragraphs: [
          fact(
            'To find the hole in a punctured inner tube, pump it up and hold it in a bowl of water; bubbles show where it is.',
            'bowl of water',
            'How do I find the hole in a punctured inner tube?',
          ),
          'Roughen the rubber around the hole before gluing the patch.',
        ],
      },
      {
        heading: 'Saddle',
        paragraphs: [
          fact(
            'Set the saddle height so that your leg is almost straight with the heel on the pedal at its lowest point.',
            'heel on the pedal',
            'How high should the saddle be?',
          ),
        ],
      },
      {
        heading: 'Gears',
        paragraphs: [
          fact(
            'If the gears skip, turn the barrel adjuster on the rear derailleur half a turn anticlockwise.',
            'barrel adjuster',
            'The gears skip: how do I adjust them?',
          ),
        ],
      },
    ],
  },
  {
    name: '家电说明.md',
    language: 'zh',
    title: '家电使用说明',
    sections: [
      {
        heading: '洗衣机',
        paragraphs: [
          fact('洗衣机的排水过滤器每个月清洗一次，清洗前先把剩水放掉。', '每个月清洗一次', '洗衣机的排水过滤器多久清洗一次？'),
          '洗衣机的门封圈要保持干燥，洗完衣服后打开门通风。',
        ],
      },
      {
        heading: '空调',
        paragraphs: [
          fact('空调的滤网每两周用清水冲洗，晾干以后再装回去。', '每两周', '空调滤网应该多久冲洗？'),
          '夏天空调温度设在二十六度比较省电。',
        ],
      },
      {
        heading: '冰箱',
        paragraphs: [
          fact('冰箱冷藏室的温度设在四度，冷冻室设在零下十八度。', '冷藏室的温度设在四度', '冰箱冷藏室的温度设多少？'),
        ],
      },
      {
        heading: '热水器',
        paragraphs: [
          fact('热水器显示故障代码E3时，表示没有点火，请检查燃气阀门是否打开。', '没有点火', '热水器显示故障代码E3是什么意思？'),
          '热水器每年请专业人员检查一次。',
        ],
      },
      {
        heading: '电饭煲',
        paragraphs: [fact('电饭煲的内胆不能用钢丝球刷，以免损坏涂层。', '钢丝球', '电饭煲的内胆可以用钢丝球刷吗？')],
      },
      {
        heading: '扫地机器人',
        paragraphs: [
          fact('扫地机器人的边刷每三个月更换一次，滚刷上的头发每周清理。', '边刷每三个月', '扫地机器人的边刷多久更换？'),
        ],
      },
    ],
  },
  {
    name: '菜谱.txt',
    language: 'zh',
    title: '家常菜谱',
    sections: [
      {
        heading: '红烧肉',
        paragraphs: [
          fact('红烧肉先用冷水焯水，再加冰糖炒糖色，然后小火炖一个小时。', '炖一个小时', '红烧肉要炖多久？'),
          '红烧肉用五花肉最好，肥瘦相间。',
        ],
      },
      {
        heading: '番茄炒蛋',
        paragraphs: [fact('番茄炒蛋要先把鸡蛋炒熟盛出，再炒番茄，最后放糖和盐。', '先把鸡蛋炒熟', '番茄炒蛋先炒什么？')],
      },
      {
        heading: '饺子',
        paragraphs: [
          fact('煮饺子的时候，水开后加三次凉水，饺子浮起来就熟了。', '三次凉水', '煮饺子要加几次凉水？'),
          '饺子馅用猪肉和白菜，白菜要先挤干水分。',
        ],
      },
      {
        heading: '米饭',
        paragraphs: [fact('煮米饭的时候，米和水的比例是一比一点二。', '一比一点二', '煮米饭时米和水的比例是多少？')],
      },
      {
        heading: '清蒸鱼',
        paragraphs: [fact('清蒸鱼用大火蒸八分钟，出锅以后淋上热油和蒸鱼豉油。', '蒸八分钟', '清蒸鱼要蒸几分钟？')],
      },
      {
        heading: '绿豆汤',
        paragraphs: [fact('绿豆汤要先把绿豆泡两个小时，再煮到绿豆开花。', '泡两个小时', '煮绿豆汤以前绿豆要泡多久？')],
      },
    ],
  },
  {
    name: '家庭网络.html',
    language: 'zh',
    title: '家庭网络笔记',
    sections: [
      {
        heading: '路由器',
        paragraphs: [
          fact('路由器的管理密码写在机身底部的标签上。', '底部的标签', '路由器的管理密码在哪里？'),
          '路由器放在客厅的书架上，不要用东西盖住。',
        ],
      },
      {
        heading: '断网',
        paragraphs: [fact('网络断了的时候，先拔掉光猫的电源，等三十秒再插上。', '等三十秒', '网络断了应该怎么办？')],
      },
      {
        heading: '访客网络',
        paragraphs: [fact('访客无线网络的名称是 Hearth-Guest，密码每个月更换。', 'Hearth-Guest', '访客无线网络叫什么名字？')],
      },
      {
        heading: '打印机',
        paragraphs: [
          fact('打印机只能连接二点四吉赫的无线网络，不能连接五吉赫的网络。', '二点四吉赫', '打印机连接哪个频段的无线网络？'),
        ],
      },
      {
        heading: '摄像头',
        paragraphs: [fact('门口摄像头的录像保存七天，之后自动覆盖。', '保存七天', '门口摄像头的录像保存几天？')],
      },
      {
        heading: '智能插座',
        paragraphs: [fact('智能插座长按开关五秒就可以恢复出厂设置。', '长按开关五秒', '智能插座怎么恢复出厂设置？')],
      },
    ],
  },
];

/** Words of each document's subject, for the notes that fill it out around the labelled facts. */
const TOPIC_WORDS: Record<string, string[]> = {
  'heating-manual.md': ['boiler', 'radiator', 'pressure', 'thermostat', 'valve', 'pump', 'gauge', 'heating', 'pipe', 'engineer'],
  'recipes.txt': ['flour', 'butter', 'oven', 'soup', 'bread', 'eggs', 'milk', 'sugar', 'rice', 'pan'],
  'bike-repair.html': ['chain', 'tyre', 'brake', 'saddle', 'gears', 'wheel', 'pedal', 'spoke', 'tube', 'frame'],
  '家电说明.md': ['洗衣机', '空调', '冰箱', '热水器', '电饭煲', '滤网', '温度', '电源', '遥控器', '插头'],
  '菜谱.txt': ['鸡蛋', '米饭', '饺子', '番茄', '猪肉', '白菜', '酱油', '冰糖', '大火', '小火'],
  '家庭网络.html': ['路由器', '密码', '无线网络', '打印机', '摄像头', '插座', '电源', '手机', '电脑', '信号'],
};
const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'November', 'December'],
  zh: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十一月', '十二月'],
};

/** A document's log of ordinary notes in its own words (deterministic): sections that name the same
 *  things as the labelled facts but answer none of the questions. */
function notes(doc: LibraryDocument, count: number): Section[] {
  const words = TOPIC_WORDS[doc.name]!;
  const w = (i: number) => words[i % words.length]!;
  return Array.from({ length: count }, (_, i) => {
    const month = MONTHS[doc.language][i % MONTHS[doc.language].length]!;
    return doc.language === 'en'
      ? {
          heading: `Notes, ${month} ${2020 + Math.floor(i / 11)}`,
          paragraphs: [
            `Looked at the ${w(i)} and the ${w(i + 3)} this month; the ${w(i + 5)} was left as it was.`,
            `Remember to ask about the ${w(i + 7)} next time, and to keep the old ${w(i + 1)} until then.`,
          ],
        }
      : {
          heading: `${2020 + Math.floor(i / 11)}年${month}的记录`,
          paragraphs: [
            `这个月看了${w(i)}和${w(i + 3)}，${w(i + 5)}没有动。`,
            `下次记得问一下${w(i + 7)}的事，旧的${w(i + 1)}先留着。`,
          ],
        };
  });
}

/** Notes per document: the library holds a few hundred passages, not one per question. */
const NOTES_PER_DOCUMENT = 40;

const textOf = (p: Section['paragraphs'][number]) => (typeof p === 'string' ? p : p.text);

function render(doc: LibraryDocument): string {
  const ext = path.extname(doc.name);
  if (ext === '.md')
    return [`# ${doc.title}`, ...doc.sections.flatMap((s) => [`## ${s.heading}`, ...s.paragraphs.map(textOf)])].join('\n\n');
  if (ext === '.txt') return [doc.title, ...doc.sections.flatMap((s) => [s.heading, ...s.paragraphs.map(textOf)])].join('\n\n');
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    `<!doctype html><html lang="${doc.language}"><head><meta charset="utf-8"><title>${escape(doc.title)}</title></head><body>`,
    `<h1>${escape(doc.title)}</h1>`,
    ...doc.sections.flatMap((s) => [`<h2>${escape(s.heading)}</h2>`, ...s.paragraphs.map((p) => `<p>${escape(textOf(p))}</p>`)]),
    '</body></html>',
  ].join('\n');
}

/** The text blocks the app's reader makes of a document: markdown and plain text through the very
 *  same core functions; HTML is built from the same structure (its reader needs a DOM). */
function blocksOf(doc: LibraryDocument): TextBlock[] {
  const ext = path.extname(doc.name);
  if (ext === '.md') return markdownBlocks(render(doc));
  if (ext === '.txt') return plainTextBlocks(render(doc));
  return [
    { kind: 'heading', level: 1, text: doc.title },
    ...doc.sections.flatMap((s): TextBlock[] => [
      { kind: 'heading', level: 2, text: s.heading },
      ...s.paragraphs.map((p): TextBlock => ({ kind: 'paragraph', text: textOf(p) })),
    ]),
  ];
}

export interface GeneratedLibrary {
  /** Absolute paths of the files written. */
  files: string[];
  questions: LabelledQuestion[];
  /** Per file name, its blocks (for the same passages outside the browser). */
  blocks: Map<string, TextBlock[]>;
}

/** Writes the library into `dir` and checks its labels: every answer string is in one paragraph only. */
export function writeKnowledgeLibrary(dir: string): GeneratedLibrary {
  const questions: LabelledQuestion[] = [];
  const blocks = new Map<string, TextBlock[]>();
  const documents = DOCUMENTS.map((d) => {
    const extra = notes(d, NOTES_PER_DOCUMENT);
    const per = Math.ceil(extra.length / d.sections.length);
    return { ...d, sections: d.sections.flatMap((s, i) => [s, ...extra.slice(i * per, (i + 1) * per)]) };
  });
  const files = documents.map((doc) => {
    const file = path.join(dir, doc.name);
    fs.writeFileSync(file, render(doc));
    blocks.set(doc.name, blocksOf(doc));
    for (const s of doc.sections)
      for (const p of s.paragraphs)
        if (typeof p !== 'string')
          questions.push({ language: doc.language, question: p.question, document: doc.name, answer: p.answer });
    return file;
  });
  const paragraphs = documents.flatMap((d) => d.sections.flatMap((s) => s.paragraphs.map(textOf)));
  for (const q of questions) {
    const holders = paragraphs.filter((p) => p.includes(q.answer)).length;
    if (holders !== 1) throw new Error(`the answer "${q.answer}" is in ${holders} paragraphs of the library, not one`);
  }
  return { files, questions, blocks };
}

/** recall@k: the share of questions with the right passage among the first k found. */
export function recallAt(
  k: number,
  questions: readonly LabelledQuestion[],
  found: (q: LabelledQuestion) => readonly { document: string; text: string }[],
): { recall: number; hits: number; misses: string[] } {
  const misses = questions.filter(
    (q) =>
      !found(q)
        .slice(0, k)
        .some((p) => p.document === q.document && p.text.includes(q.answer)),
  );
  return {
    recall: (questions.length - misses.length) / questions.length,
    hits: questions.length - misses.length,
    misses: misses.map((q) => q.question),
  };
}
