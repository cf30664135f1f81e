// Text with marked ranges, rendered as text nodes and <mark> elements: a document's words are data,
// never markup (no innerHTML anywhere on this path).
import { markedSpans } from '../../../../core/knowledge/marked-spans';

export function MarkedText({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  return <>{markedSpans(text, ranges).map((span, i) => (span.marked ? <mark key={i}>{span.text}</mark> : span.text))}</>;
}
