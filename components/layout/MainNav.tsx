'use client';

// The main navigation; the current section comes from the address (the header is in the root layout
// and stays while pages load, so it cannot be told by each page).
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const NAV: { href: string; label: string }[] = [
  { href: '/', label: 'Explore' },
  { href: '/findings', label: 'Findings' },
  { href: '/namespaces', label: 'Namespaces' },
  { href: '/subjects', label: 'Subjects' },
  { href: '/paths', label: 'Paths' },
  { href: '/source', label: 'Data source' },
];

/** The section an address belongs to: "/" only for itself, the others with their sub-pages. */
export function isCurrent(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav() {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Main" className="flex shrink-0 items-center gap-1 whitespace-nowrap text-sm">
      {NAV.map((n) => {
        const active = isCurrent(n.href, pathname);
        return (
          <Link
            key={n.href}
            href={n.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded px-2 py-1 ${active ? 'bg-slate-100 font-medium text-slate-900 dark:bg-slate-800 dark:text-white' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'}`}
          >
            {n.label}
          </Link>
        );
      })}
    </nav>
  );
}
