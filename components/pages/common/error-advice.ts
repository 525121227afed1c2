// What an API error means for the person looking at the page, and what to do about it. Pure.

export interface ErrorAdvice {
  title: string;
  advice: string;
}

const advice: Record<string, ErrorAdvice> = {
  kubernetes_unreachable: {
    title: 'Kubernetes API unreachable',
    advice: 'Ambient Lens could not reach the API server. Check that it is up and that KUBECONFIG (or the in-cluster service account) points at it. The page retries by itself.',
  },
  kubernetes_error: { title: 'The Kubernetes API returned an error', advice: 'The API server answered, but not with what was asked. The message below says what it reported.' },
  forbidden: { title: 'Not allowed', advice: 'Your account may not read this. Ask a cluster admin for read access (get/list pods) in the namespaces you need.' },
  unauthenticated: { title: 'You are logged out', advice: 'Your session ended. Log in again to continue.' },
  prometheus_unreachable: {
    title: 'Prometheus did not answer',
    advice: 'Traffic figures come from Prometheus scraping the ztunnel pods. Check PROMETHEUS_URL and that Prometheus is up; enrollment and control-plane data below still come from Kubernetes.',
  },
  prometheus_error: { title: 'Prometheus returned an error', advice: 'Prometheus answered the traffic query with an error (message below). Check its logs and limits.' },
  prometheus_answer_too_large: {
    title: 'Prometheus sent more than Ambient Lens reads',
    advice: 'The traffic answer passed the per-query cap on bytes or series. Choose fewer namespaces, or raise PROMETHEUS_MAX_ANSWER_BYTES / PROMETHEUS_MAX_SERIES (and the server’s memory with them).',
  },
  ztunnel_unreachable: {
    title: 'No ztunnel answered',
    advice: 'ztunnel’s admin port (15000) is reached through a Kubernetes port-forward. Check that ztunnel pods are ready and that Ambient Lens may use pods/portforward in the ztunnel namespace.',
  },
  unsupported_ztunnel_config: { title: 'ztunnel sent a config_dump this version cannot read', advice: 'The ztunnel version may be newer than Ambient Lens understands. The message below names what did not fit.' },
  not_found: { title: 'Not found', advice: 'It may have been deleted, or the link is wrong.' },
  bad_request: { title: 'The link has a bad parameter', advice: 'Fix or remove the parameter named below.' },
  network: { title: 'The Ambient Lens server did not answer', advice: 'Check your connection and that the server is running. The page retries by itself.' },
  bad_response: { title: 'Unexpected answer from the server', advice: 'Something between your browser and Ambient Lens (a proxy or login page) answered instead. Reload the page.' },
};

export function errorAdvice(code: string | undefined): ErrorAdvice {
  return advice[code ?? ''] ?? { title: 'Something went wrong', advice: 'The server could not answer. The message below says why.' };
}
