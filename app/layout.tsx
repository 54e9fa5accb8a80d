import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
