import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** /source: the data source, its diagnostics, uploads and switching. */
export class SourcePage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly name: Locator;
  readonly counts: Locator;
  readonly diagnostics: Locator;
  readonly dropzone: Locator;
  readonly fileInput: Locator;
  readonly uploadResult: Locator;
  readonly uploadDiagnostics: Locator;
  readonly sources: Locator;
  readonly loaded: Locator;
  readonly contexts: Locator;
  readonly refresh: Locator;
  readonly loadStatus: Locator;
  readonly kindsLoaded: Locator;
  readonly partialWarnings: Locator;
  readonly partialBanner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.name = page.getByTestId('source-name');
    this.counts = page.getByRole('table', { name: 'Object counts' });
    this.diagnostics = page.getByRole('list', { name: 'Diagnostics' });
    this.dropzone = page.getByTestId('dropzone');
    this.fileInput = page.getByLabel('Files to upload');
    this.uploadResult = page.getByTestId('upload-result');
    this.uploadDiagnostics = page.getByRole('list', { name: 'Upload diagnostics' });
    this.sources = page.getByRole('list', { name: 'Available data sources' });
    this.loaded = page.getByTestId('source-loaded');
    this.contexts = page.getByRole('list', { name: 'Kubeconfig contexts' });
    this.refresh = page.getByRole('button', { name: /^Refresh the cluster in use/ });
    this.loadStatus = page.getByTestId('load-status');
    this.kindsLoaded = page.getByRole('table', { name: 'Objects loaded per kind' });
    this.partialWarnings = page.getByRole('list', { name: 'Partial data warnings' });
    this.partialBanner = page.getByRole('status', { name: 'Partial data' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/source');
  }

  context(name: string): Locator {
    return this.contexts.locator(`li[data-context="${name}"]`);
  }

  /** Starts loading a kubeconfig context; the load runs on the server and the page follows its progress. */
  async loadContext(name: string): Promise<void> {
    await this.startLoad(this.contexts.getByRole('button', { name: `Load context ${name}`, exact: true }));
  }

  /** Reloads the cluster in use. */
  async refreshCluster(): Promise<void> {
    await this.startLoad(this.refresh);
  }

  /** Clicks, then waits until the status shows the new load (not the one shown before). */
  private async startLoad(button: Locator): Promise<void> {
    const before = (await this.loadStatus.count()) > 0 ? await this.loadStatus.getAttribute('data-seq') : null;
    await button.click();
    if (before === null) await expect(this.loadStatus).toBeVisible();
    else await expect(this.loadStatus).not.toHaveAttribute('data-seq', before);
  }

  /** Waits until the last load has ended ('done' or 'failed'). */
  async loadEnded(status: 'done' | 'failed'): Promise<void> {
    await expect(this.loadStatus).toHaveAttribute('data-status', status, { timeout: 20_000 });
  }

  /** Drops files on the drop zone, as a drag and drop from the desktop does. */
  async dropFiles(files: { name: string; text: string }[]): Promise<void> {
    const transfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/yaml' }));
      return dt;
    }, files);
    await this.dropzone.dispatchEvent('dragover', { dataTransfer: transfer });
    await this.dropzone.dispatchEvent('drop', { dataTransfer: transfer });
  }
}
