export interface NavItem {
  href: string;
  label: string;
  icon: string;
}

export const navItems: NavItem[] = [
  { href: '/', label: 'Overview', icon: '◎' },
  { href: '/graph', label: 'Traffic graph', icon: '⇄' },
  { href: '/namespaces', label: 'Namespaces', icon: '▦' },
  { href: '/workloads', label: 'Workloads', icon: '▤' },
  { href: '/ztunnel', label: 'ztunnel', icon: '⛓' },
  { href: '/control-plane', label: 'Control plane', icon: '⚙' },
  { href: '/security', label: 'Security', icon: '🔒' },
  { href: '/policies', label: 'Policies', icon: '⚖' },
  { href: '/migration', label: 'Sidecar to ambient', icon: '⇢' },
];
