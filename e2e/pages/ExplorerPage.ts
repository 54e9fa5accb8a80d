import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export interface QueryInput {
  verb?: string;
  resource?: string;
  group?: string;
  /** a namespace, or ALL_NS / CLUSTER_NS (lib/url-params.ts) */
  namespace?: string;
  name?: string;
  url?: string;
}

/** The landing view: query bar, presets, answer list, graph and details. */
export class ExplorerPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly queryForm: Locator;
  readonly verb: Locator;
  readonly resource: Locator;
  readonly apiGroup: Locator;
  readonly namespace: Locator;
  readonly resourceName: Locator;
  readonly nonResourceUrl: Locator;
  readonly ask: Locator;
  readonly presets: Locator;
  readonly answer: Locator;
  readonly answerTitle: Locator;
  readonly answerScope: Locator;
  readonly answerCounts: Locator;
  readonly subjects: Locator;
  readonly exportJson: Locator;
  readonly exportCsv: Locator;
  readonly graph: Locator;
  readonly canvas: Locator;
  readonly graphNodes: Locator;
  readonly graphEdges: Locator;
  readonly legend: Locator;
  readonly layout: Locator;
  readonly effective: Locator;
  readonly namespaceBoxes: Locator;
  readonly fit: Locator;
  readonly zoomIn: Locator;
  readonly png: Locator;
  readonly svg: Locator;
  readonly collapseNotice: Locator;
  readonly details: Locator;
  readonly detailsTitle: Locator;
  readonly paths: Locator;
  readonly rules: Locator;
  readonly yaml: Locator;
  readonly error: Locator;
  readonly filterSubjects: Locator;
  readonly answerTabs: Locator;
  readonly serviceAccounts: Locator;
  readonly pods: Locator;
  readonly effectiveCounts: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.queryForm = page.getByRole('form', { name: 'Query' });
    this.verb = this.queryForm.getByLabel('Verb');
    this.resource = this.queryForm.getByLabel('Resource', { exact: true });
    this.apiGroup = this.queryForm.getByLabel('API group');
    this.namespace = this.queryForm.getByLabel('Namespace');
    this.resourceName = this.queryForm.getByLabel('Resource name');
    this.nonResourceUrl = this.queryForm.getByLabel('Non-resource URL');
    this.ask = this.queryForm.getByRole('button', { name: 'Ask' });
    this.presets = page.getByRole('navigation', { name: 'Preset questions' });
    this.answer = page.getByRole('region', { name: 'Answer' });
    this.answerTitle = this.answer.getByRole('heading', { level: 1 });
    this.answerScope = page.getByTestId('answer-scope');
    this.answerCounts = page.getByTestId('answer-counts');
    this.subjects = this.answer.getByRole('list', { name: 'Subjects' });
    this.exportJson = this.answer.getByRole('link', { name: 'JSON' });
    this.exportCsv = this.answer.getByRole('link', { name: 'CSV' });
    this.graph = page.getByRole('region', { name: 'Graph' });
    this.canvas = page.getByTestId('graph-canvas');
    this.graphNodes = page.getByRole('list', { name: 'Graph nodes' });
    this.graphEdges = page.getByRole('list', { name: 'Graph edges' });
    this.legend = page.getByRole('group', { name: 'Legend' });
    this.layout = page.getByRole('radiogroup', { name: 'Layout' });
    this.effective = this.graph.getByLabel('Effective (service accounts & pods)');
    this.namespaceBoxes = this.graph.getByLabel('Namespace boxes');
    this.fit = this.graph.getByRole('button', { name: 'Fit' });
    this.zoomIn = this.graph.getByRole('button', { name: 'Zoom in' });
    this.png = this.graph.getByRole('button', { name: 'PNG' });
    this.svg = this.graph.getByRole('button', { name: 'SVG' });
    this.collapseNotice = page.getByTestId('collapse-notice');
    this.details = page.getByRole('complementary', { name: 'Details' });
    this.detailsTitle = page.getByTestId('details-title');
    this.paths = this.details.getByRole('region', { name: 'Paths' }).getByRole('listitem').filter({ has: page.getByRole('list', { name: 'Path' }) });
    this.rules = this.details.getByRole('table', { name: /^Matching rules of / });
    this.yaml = this.details.getByLabel('Object YAML');
    // not Next's route announcer (also role=alert; it repeats the page title after a client navigation)
    this.error = page.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /\S/ });
    this.filterSubjects = this.answer.getByRole('searchbox', { name: 'Filter subjects' });
    this.answerTabs = this.answer.getByRole('tablist', { name: 'Answer lists' });
    this.serviceAccounts = this.answer.getByRole('list', { name: 'Service accounts' });
    this.pods = this.answer.getByRole('list', { name: 'Pods' });
    this.effectiveCounts = page.getByTestId('effective-counts');
  }

  /** Opens `/${query}` on the suite's server, or on `base` (a server of its own). */
  async goto(query = '', base = ''): Promise<void> {
    await this.page.goto(`${base}/${query}`);
    await this.waitForLayout();
  }

  tab(name: 'Subjects' | 'Service accounts' | 'Pods'): Locator {
    return this.answerTabs.getByRole('tab', { name: new RegExp(`^${name} \\(`) });
  }

  /** The graph's default zoom (labels are 12 px at zoom 1): GraphCanvas records it after each layout. */
  async zoom(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-zoom'));
  }

  /** Pairs of node boxes (labels included) that overlap in the drawing. */
  async overlaps(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-overlaps'));
  }

  /** The label of every node drawn (its lines joined by a line break). */
  async nodeLabels(): Promise<string[]> {
    return this.graphNodes.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-label') ?? ''));
  }

  /** Activates a node's button in the accessible list (what a click on the canvas does). */
  async activateNode(id: string): Promise<void> {
    await this.node(id).getByRole('button').focus();
    await this.page.keyboard.press('Enter');
  }

  /** Waits until the graph has finished its layout (GraphCanvas sets data-layout-done). */
  async waitForLayout(): Promise<void> {
    await expect(this.canvas).toHaveAttribute('data-layout-done', 'true', { timeout: 15_000 });
  }

  async askQuestion(q: QueryInput): Promise<void> {
    if (q.verb !== undefined) await this.verb.fill(q.verb);
    if (q.resource !== undefined) await this.resource.fill(q.resource);
    if (q.group !== undefined) await this.apiGroup.fill(q.group);
    if (q.namespace !== undefined) await this.namespace.selectOption(q.namespace);
    if (q.name !== undefined) await this.resourceName.fill(q.name);
    if (q.url !== undefined) await this.nonResourceUrl.fill(q.url);
    await this.ask.click();
  }

  preset(title: string): Locator {
    return this.presets.getByRole('button', { name: title, exact: true });
  }

  subject(id: string): Locator {
    return this.subjects.locator(`li[data-subject-id="${id}"]`).getByRole('button');
  }

  node(id: string): Locator {
    return this.graphNodes.locator(`li[data-node-id="${id}"]`);
  }

  edge(source: string, target: string): Locator {
    return this.graphEdges.locator(`li[data-source="${source}"][data-target="${target}"]`);
  }

  /** Selects a graph node the keyboard way: its button in the accessible node list. */
  async selectNode(id: string): Promise<void> {
    await this.node(id).getByRole('button').focus();
    await this.page.keyboard.press('Enter');
    await expect(this.details).toBeVisible();
  }

  layoutOption(name: 'Layered' | 'Force'): Locator {
    return this.layout.getByRole('radio', { name });
  }
}
