import type { RevealApi as Api } from 'reveal.js';
import type { LintProblem } from '../types.ts';

const LIST_ID = 'lectern-lint';

/**
 * The render-check problems as a quiet list in a corner of the preview: a count that opens into one line
 * per problem; a line takes the presenter to its slide. Gone when there are none.
 */
export function showLintProblems(deck: Api, problems: LintProblem[]): void {
  let box = document.getElementById(LIST_ID) as HTMLDetailsElement | null;
  if (problems.length === 0) {
    box?.remove();
    return;
  }
  if (!box) {
    box = document.createElement('details');
    box.id = LIST_ID;
    box.className = 'lectern-lint';
    // Keys pressed in the list are the list's: reveal.js must not turn them into slide changes.
    box.addEventListener('keydown', (event) => event.stopPropagation());
    document.body.appendChild(box);
  }
  const summary = document.createElement('summary');
  summary.textContent = `${problems.length} problem${problems.length === 1 ? '' : 's'} in the rendered slides`;
  const list = document.createElement('ol');
  for (const problem of problems) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['code'] = problem.code;
    button.textContent = `${problem.line}: ${problem.code}: ${problem.message}`;
    button.addEventListener('click', () => goTo(deck, problem.key));
    item.appendChild(button);
    list.appendChild(item);
  }
  box.replaceChildren(summary, list);
}

function goTo(deck: Api, key: string): void {
  const section = deck.getSlidesElement()?.querySelector<HTMLElement>(`section[data-lectern-key="${CSS.escape(key)}"]`);
  if (!section) return;
  const { h, v } = deck.getIndices(section);
  deck.slide(h, v);
}
