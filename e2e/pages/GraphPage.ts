import { expect, type Locator, type Page } from '@playwright/test';
import type { RenderedGraph, RenderedLabel } from '../../components/graph/summary';

/** The traffic graph page, driven the way a user does: by role and accessible name. */
export class GraphPage {
  readonly toolbar: Locator;
  readonly details: Locator;
  readonly edgeList: Locator;
  readonly nodeList: Locator;
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('toolbar', { name: 'Graph options' });
    this.details = page.getByRole('complementary', { name: 'Details' });
    this.edgeList = page.getByRole('list', { name: 'Edges' });
    this.nodeList = page.getByRole('list', { name: 'Nodes' });
    this.canvas = page.getByTestId('graph-canvas');
  }

  async goto(query = ''): Promise<void> {
    // Relative to baseURL, so the same specs run under a sub-path (BASE_PATH) too.
    await this.page.goto(`graph${query ? `?${query}` : ''}`);
  }

  /** Opens the namespace drop-down, ticks exactly `names`, closes it. */
  async selectNamespaces(names: string[]): Promise<void> {
    await this.toolbar.getByRole('button', { name: 'Namespaces' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Namespaces' });
    await expect(dialog.getByRole('checkbox').first()).toBeVisible();
    for (const name of names) {
      await dialog.getByRole('searchbox', { name: 'Search namespaces' }).fill(name);
      await dialog.getByRole('checkbox', { name: new RegExp(`^${name} `) }).check();
    }
    await this.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  /** The namespace rows of the drop-down as "name enrollment-mark". */
  async namespaceOptions(): Promise<string[]> {
    await this.toolbar.getByRole('button', { name: 'Namespaces' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Namespaces' });
    await expect(dialog.getByRole('checkbox').first()).toBeVisible();
    const rows = await dialog.getByRole('listitem').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return rows.map((r) => r.replace(/\s+/g, ' ').trim());
  }

  async setBadge(name: 'Security' | 'Waypoint' | 'Enrollment', on: boolean): Promise<void> {
    await this.toolbar.getByRole('button', { name: 'Display' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Display' });
    await dialog.getByRole('checkbox', { name: new RegExp(`^${name}`) }).setChecked(on);
    await this.page.keyboard.press('Escape');
  }

  /** What cytoscape has drawn, once a layout has finished. */
  async rendered(): Promise<RenderedGraph> {
    await this.page.waitForFunction(() => (window.__ambientLensGraph?.layoutMs ?? 0) > 0 && (window.__ambientLensGraph?.edges.length ?? 0) > 0);
    const graph = await this.page.evaluate(() => window.__ambientLensGraph);
    if (!graph) throw new Error('no graph rendered');
    return graph;
  }

  /** Where a graph point is on the page, as drawn now. */
  private async onScreen(point: (g: RenderedGraph) => { x: number; y: number }): Promise<{ x: number; y: number; box: { x: number; y: number; width: number; height: number } }> {
    const graph = await this.rendered();
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    const p = point(graph);
    return { x: box.x + p.x * graph.zoom + graph.pan.x, y: box.y + p.y * graph.zoom + graph.pan.y, box };
  }

  /** Brings a graph point into view with the arrow keys, as a keyboard user would, and returns where it is. */
  async reveal(point: (g: RenderedGraph) => { x: number; y: number }): Promise<{ x: number; y: number }> {
    for (let i = 0; i < 40; i++) {
      const { x, y, box } = await this.onScreen(point);
      const margin = 40;
      const key = x < box.x + margin ? 'ArrowLeft' : x > box.x + box.width - margin ? 'ArrowRight' : y < box.y + margin ? 'ArrowUp' : y > box.y + box.height - margin ? 'ArrowDown' : null;
      if (!key) return { x, y };
      await this.page.getByRole('application', { name: /^Traffic graph/ }).press(key);
    }
    throw new Error('could not bring the point into view');
  }

  /** Clicks the edge on the canvas, a third of the way from its source. */
  async clickEdgeOnCanvas(edgeId: string): Promise<void> {
    const at = (a: number, b: number) => a + (b - a) / 3;
    const third = (graph: RenderedGraph) => {
      const edge = graph.edges.find((e) => e.id === edgeId);
      const source = graph.nodes.find((n) => n.id === edge?.source);
      const target = graph.nodes.find((n) => n.id === edge?.target);
      if (!edge || !source || !target) throw new Error(`edge ${edgeId} is not drawn`);
      return { x: at(source.x, target.x), y: at(source.y, target.y) };
    };
    const { x, y } = await this.reveal(third);
    await this.page.mouse.click(x, y);
  }

  /** Hovers a node on the canvas (brought into view first). */
  async hoverNode(nodeId: string): Promise<void> {
    const { x, y } = await this.reveal((graph) => {
      const node = graph.nodes.find((n) => n.id === nodeId);
      if (!node) throw new Error(`node ${nodeId} is not drawn`);
      return node;
    });
    await this.page.mouse.move(x, y);
  }

  /** The drawn labels with their on-screen boxes and font sizes (computed on demand). */
  async labels(): Promise<RenderedLabel[]> {
    await this.rendered();
    return this.page.evaluate(() => window.__ambientLensLabels?.() ?? []);
  }

  /** Opens a toolbar menu (Traffic, Display) and returns its dialog. */
  async openMenu(name: 'Traffic' | 'Display'): Promise<Locator> {
    await this.toolbar.getByRole('button', { name }).click();
    const dialog = this.page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Double-clicks a node where cytoscape drew it. */
  async doubleClickNode(nodeId: string): Promise<void> {
    const graph = await this.rendered();
    const node = graph.nodes.find((n) => n.id === nodeId);
    if (!node) throw new Error(`node ${nodeId} is not drawn`);
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await this.page.mouse.dblclick(box.x + node.x * graph.zoom + graph.pan.x, box.y + node.y * graph.zoom + graph.pan.y);
  }

  identities(label: 'Source identity' | 'Destination identity'): Locator {
    return this.details.getByRole('region', { name: 'Security' }).locator('div', { has: this.page.getByRole('heading', { name: label }) }).getByRole('listitem');
  }
}
