import { expect, test } from '@playwright/test';
import type { MeshGraph } from '../lib/graph/model';
import { GraphPage } from './pages/GraphPage';
import { PoliciesPage } from './pages/PoliciesPage';

// Authorization explained: the Policies page, the "Can A reach B?" form and the edge panel's
// Authorization section, on the simulated Bookinfo cluster (ratings denies the frontend namespace).

test('the Policies page lists each policy with where it is enforced, what it selects and ztunnel agreement', async ({ page }) => {
  const policies = new PoliciesPage(page);
  await policies.goto();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Policies/ })).toBeVisible();
  const deny = policies.policy('bookinfo/ratings-deny-frontend');
  await expect(deny).toContainText('DENY');
  await expect(deny).toContainText('ztunnel');
  await expect(deny).toContainText('bookinfo/ratings-v1');
  await expect(deny).toContainText('held');
  await expect(page.getByRole('region', { name: 'Cluster vs ztunnel' })).toBeVisible();
  // Bookinfo has no STRICT PeerAuthentication: its ambient pods still accept plaintext.
  await expect(policies.findings.getByRole('listitem').filter({ hasText: 'AUTHZ020' }).first()).toContainText('Fix:');
  // The getting-started L7 policy is attached to the Service behind the waypoint: enforced there, not held by ztunnel.
  const l7 = policies.policy('bookinfo/reviews-viewer');
  await expect(l7).toContainText('waypoint bookinfo/waypoint');
  // Observed traffic checked against the policies: the denied web -> ratings edge, with the policy that denied it.
  await expect(policies.findings.getByRole('listitem').filter({ hasText: 'AUTHZ030' }).first()).toContainText('bookinfo/ratings-deny-frontend', { timeout: 30_000 });
});

test('"Can A reach B?" answers with the decision, each enforcement point, the identity it sees and the deciding policy', async ({ page }) => {
  const policies = new PoliciesPage(page);
  await policies.goto();
  await policies.check('frontend/web-v1', 'bookinfo/service:ratings');
  await expect(policies.answer).toContainText('denied');
  await expect(policies.answer.getByRole('list', { name: 'Enforcement points' })).toContainText(/ztunnel on node \S+.*sees ns\/frontend\/sa\/web/);
  await expect(policies.answer.getByTestId('deciding')).toContainText('bookinfo/ratings-deny-frontend rules[0]');

  // The waypoint in front of reviews allows productpage's GETs only (getting-started): the request decides.
  await policies.check('bookinfo/productpage-v1', 'bookinfo/service:reviews', 9080);
  await expect(policies.answer).toContainText('conditional');
  await policies.check('bookinfo/productpage-v1', 'bookinfo/service:reviews', 9080, { method: 'GET', path: '/reviews/0' });
  await expect(policies.answer).toContainText('allowed');
  const points = policies.answer.getByRole('list', { name: 'Enforcement points' }).getByRole('listitem');
  await expect(points.first()).toContainText('waypoint bookinfo/waypoint');
  await expect(points.nth(1)).toContainText("the waypoint's identity");
  await policies.check('bookinfo/productpage-v1', 'bookinfo/service:reviews', 9080, { method: 'POST', path: '/reviews/0' });
  await expect(policies.answer).toContainText('denied');
  await expect(policies.answer.getByTestId('deciding')).toContainText('waypoint bookinfo/waypoint');

  await policies.check('frontend', 'bookinfo/service:ratings');
  await expect(policies.form).toContainText('from: must be NS/WORKLOAD or plaintext:NS', { timeout: 15_000 });
});

test("the graph's edge panel shows the Authorization of a denied edge", async ({ page, request }) => {
  const params = 'namespaces=bookinfo,frontend&graphType=workload&duration=600&waypoints=show';
  const response = await request.get(`api/graph?${params}&idle=false`);
  expect(response.status()).toBe(200);
  const graph = (await response.json()) as MeshGraph;
  const denied = graph.edges.find((e) => e.source.includes('web-v1') && e.target.includes('ratings-v1'));
  if (!denied) throw new Error('the scenario has no web-v1 -> ratings-v1 edge');
  const graphPage = new GraphPage(page);
  await graphPage.goto(`${params}&selected=${encodeURIComponent(denied.id)}`);
  const section = graphPage.details.getByRole('region', { name: 'Authorization' });
  await expect(section).toContainText('denied', { timeout: 30_000 });
  await expect(section).toContainText('bookinfo/ratings-deny-frontend');
  await expect(section).toContainText('spiffe://cluster.local/ns/frontend/sa/web');
});
