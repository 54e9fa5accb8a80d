import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppFrame } from '@/components/layout/AppShell';
import type { SourceSummary } from '@/lib/service/source-view';
import { pageSource } from '@/lib/service/web';
import './globals.css';

export const metadata: Metadata = {
  title: 'RBAC Atlas',
  description: 'Explore who can do what in a Kubernetes cluster, exactly as the RBAC authorizer decides.',
  icons: { icon: '/icon.svg' },
};

// Every page is rendered per request (also the built-in 404): the CSP nonce that the gate (lib/server/gate.ts) sets is
// only put on scripts by a dynamic render, and a prerendered page's inline scripts would be blocked.
export const dynamic = 'force-dynamic';

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

/** The browser's data source for the header; a source that cannot be loaded is the page's error to show. */
async function headerSource(): Promise<SourceSummary | undefined> {
  try {
    return (await pageSource()).summary;
  } catch {
    return undefined;
  }
}

// The app shell (navigation, search, data source) is drawn here, once: it stays while pages load.
// router.refresh() (after an upload or a source switch) renders it again with the new source.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <AppFrame source={headerSource()}>{children}</AppFrame>
      </body>
    </html>
  );
}
