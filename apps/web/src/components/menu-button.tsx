import type { ReactNode } from 'react';

/** Opens the sidebar drawer; shown only on narrow screens. */
export function MenuButton({ onClick }: { readonly onClick: () => void }): ReactNode {
  return (
    <button type="button" className="menu-button" aria-label="Conversations" onClick={onClick} data-testid="menu">
      ☰
    </button>
  );
}
