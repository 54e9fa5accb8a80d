'use client';

// Global search by name across all objects and subjects, as an ARIA combobox with keyboard
// navigation (↑/↓ to move, Enter to open, Escape to close; "/" focuses it from anywhere).
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchResult } from '@/lib/service/search';
import { hrefFor } from '../links';
import { KindBadge } from '../ui/KindBadge';
import { useJson } from '../ui/useJson';

/** Hits asked first, and at most (the API's limit) when the user asks for more. */
const FIRST_HITS = 12;
const MAX_HITS = 100;

export function SearchBox() {
  const router = useRouter();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [limit, setLimit] = useState(FIRST_HITS);
  const result = useJson<SearchResult>(query ? `/api/search?q=${encodeURIComponent(query)}&limit=${limit}` : null);
  const hits = result.status === 'ok' && result.data.query === query ? result.data.hits : [];

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(text.trim());
      setLimit(FIRST_HITS);
    }, 120);
    return () => clearTimeout(t);
  }, [text]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && !(target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openHit = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    setOpen(false);
    setText('');
    router.push(hrefFor(hit.id));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(hits.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openHit(active);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && query.length > 0;
  return (
    <div className="relative w-72 min-w-[9rem] shrink">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search objects and subjects"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        placeholder="Search by name  ( / )"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none focus:ring-1 focus:ring-sky-500 dark:border-slate-600 dark:bg-slate-900"
      />
      {showList ? (
        <div className="absolute right-0 z-30 mt-1 w-[26rem] rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <ul id={listId} role="listbox" aria-label="Search results" className="max-h-80 overflow-y-auto py-1">
            {result.status === 'loading' && hits.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">Searching…</li> : null}
            {result.status === 'ok' && hits.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">Nothing named like “{query}”</li> : null}
            {result.status === 'error' ? <li className="px-3 py-2 text-sm text-rose-600">{result.error}</li> : null}
            {hits.map((hit, i) => (
              <li
                key={hit.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  openHit(i);
                }}
                onMouseEnter={() => setActive(i)}
                className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${i === active ? 'bg-sky-50 dark:bg-sky-950/50' : ''}`}
              >
                <span className="w-32 shrink-0"><KindBadge kind={hit.kind} /></span>
                <span className="truncate">{hit.namespace ? `${hit.namespace}/${hit.name}` : hit.name}</span>
              </li>
            ))}
          </ul>
          {result.status === 'ok' && hits.length > 0 ? <SearchFooter shown={hits.length} total={result.data.total} canShowMore={limit < MAX_HITS} onMore={() => setLimit(MAX_HITS)} /> : null}
        </div>
      ) : null}
    </div>
  );
}

/** How many matches there are beyond those listed, always in view under the list. */
function SearchFooter({ shown, total, canShowMore, onMore }: { shown: number; total: number; canShowMore: boolean; onMore: () => void }) {
  const more = total - shown;
  return (
    <p role="status" data-testid="search-more" className="flex items-center gap-2 border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
      {more > 0 ? (
        <>
          <span>{shown} of {total} matches shown ({more} more): type more of the name to narrow</span>
          {canShowMore ? (
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onMore} className="ml-auto shrink-0 font-medium text-sky-700 hover:underline dark:text-sky-300">
              Show {Math.min(total, MAX_HITS)}
            </button>
          ) : null}
        </>
      ) : (
        <span>{total === 1 ? '1 match' : `All ${total} matches`}</span>
      )}
    </p>
  );
}
