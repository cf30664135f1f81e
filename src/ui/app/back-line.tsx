// The one line that says what happened while the phone had the app suspended (state/resume). The
// live region stays in the page, empty, so the line is announced when it appears.
import { backLine } from '../state/resume';

export function BackLine() {
  const line = backLine.value;
  return (
    <div class="back-line" role="status">
      {line && (
        <>
          <p>{line.text}</p>
          <button type="button" class="small" onClick={() => (backLine.value = null)}>
            {line.dismiss}
          </button>
        </>
      )}
    </div>
  );
}
