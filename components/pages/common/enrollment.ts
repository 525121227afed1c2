// Words and badge tones for enrollment states, as every ambient page shows them. Pure.
import type { Tone } from '@/components/ui/Badge';
import type { NamespaceEnrollmentState } from '@/lib/api-client/namespaces';
import type { PodEnrollmentState } from '@/lib/api-client/workloads';
import type { Enrollment } from '@/lib/graph/model';

export const podStateWords: Record<PodEnrollmentState, { label: string; tone: Tone }> = {
  ambient: { label: 'Ambient', tone: 'good' },
  'ambient-pending': { label: 'Not redirected', tone: 'warn' },
  waypoint: { label: 'Waypoint', tone: 'info' },
  sidecar: { label: 'Sidecar', tone: 'neutral' },
  'opted-out': { label: 'Opted out', tone: 'neutral' },
  'host-network': { label: 'Host network', tone: 'neutral' },
  'not-enrolled': { label: 'Not enrolled', tone: 'neutral' },
};

export const namespaceStateWords: Record<NamespaceEnrollmentState, { label: string; tone: Tone }> = {
  ambient: { label: 'Ambient', tone: 'good' },
  partial: { label: 'Partly ambient', tone: 'warn' },
  pending: { label: 'Pending', tone: 'warn' },
  none: { label: 'Not enrolled', tone: 'neutral' },
  empty: { label: 'No pods', tone: 'neutral' },
};

export const workloadEnrollmentWords: Record<Enrollment, { label: string; tone: Tone }> = {
  ambient: { label: 'Ambient', tone: 'good' },
  'ambient-pending': { label: 'Not protected', tone: 'warn' },
  sidecar: { label: 'Sidecar', tone: 'neutral' },
  none: { label: 'Not enrolled', tone: 'neutral' },
  unknown: { label: 'No pods', tone: 'neutral' },
};
