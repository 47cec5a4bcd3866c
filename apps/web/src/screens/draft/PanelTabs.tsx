import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface Panel {
  id: string;
  label: string;
  /** Shown after the label (e.g. how many comments). */
  count?: number | null;
  content: ComponentChildren;
}

/**
 * Panels as tabs (WAI-ARIA tabs: arrow keys, Home and End move between the tabs, Tab goes into the panel). Every
 * panel stays mounted while hidden, so what someone is typing in one survives a look at another.
 */
export function PanelTabs({ label, panels, idPrefix }: { label: string; panels: Panel[]; idPrefix: string }) {
  const [active, setActive] = useState(panels[0]?.id);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const select = (index: number) => {
    const panel = panels[(index + panels.length) % panels.length];
    setActive(panel.id);
    tabs.current[(index + panels.length) % panels.length]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: panels.length - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    select(moves[e.key]);
  };
  return (
    <div class="panel-tabs">
      <div class="tabs panel-tablist" role="tablist" aria-label={label}>
        {panels.map((p, i) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            ref={(el) => void (tabs.current[i] = el)}
            id={`${idPrefix}-tab-${p.id}`}
            aria-selected={active === p.id}
            aria-controls={`${idPrefix}-panel-${p.id}`}
            tabIndex={active === p.id ? 0 : -1}
            onClick={() => setActive(p.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {p.label}
            {p.count ? <span class="tab-count"> ({p.count})</span> : null}
          </button>
        ))}
      </div>
      {panels.map((p) => (
        <div
          key={p.id}
          class="panel"
          role="tabpanel"
          id={`${idPrefix}-panel-${p.id}`}
          aria-labelledby={`${idPrefix}-tab-${p.id}`}
          hidden={active !== p.id}
          tabIndex={0}
        >
          {p.content}
        </div>
      ))}
    </div>
  );
}
