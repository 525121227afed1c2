'use client';

import { Select } from '@/components/ui/Select';
import { windowChoices } from '@/lib/posture/query';
import { formatWindow } from './format';

/** The traffic window ("last 10 min") as a select; value in seconds. */
export function WindowSelect({ value, onChange }: { value: number; onChange: (seconds: number) => void }) {
  const choices: number[] = (windowChoices as readonly number[]).includes(value) ? [...windowChoices] : [...windowChoices, value].sort((a, b) => a - b);
  return (
    <Select
      label="Window"
      value={String(value)}
      onChange={(v) => onChange(Number(v))}
      options={choices.map((s) => ({ value: String(s), label: `Last ${formatWindow(s)}` }))}
    />
  );
}

/** A duration from the URL: whole seconds within the API's bounds, else the default. */
export function parseWindow(raw: string, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 60 && n <= 86_400 ? n : fallback;
}
