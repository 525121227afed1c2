'use client';

import { Fragment, useState } from 'react';

/** Long names (SPIFFE IDs, pod names) break only after "/", "-" or ".", never mid-word. */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/\-.])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

/** A copy button for a value shown shortened or wrapped. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      title={`${label}: ${value}`}
      aria-label={`${label} ${value}`}
      className="ml-1 rounded px-1 text-[10px] text-slate-400 hover:bg-slate-100 hover:text-slate-700 dark:hover:bg-slate-800 dark:hover:text-slate-200"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {/* An SVG, not the ⧉ character: system fonts (Debian's chromium) draw that as an empty box. */}
      {copied ? '✓' : (
        <svg aria-hidden viewBox="0 0 16 16" className="inline h-3 w-3 align-[-1px]" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
        </svg>
      )}
    </button>
  );
}

/** A name that wraps at its boundaries, with the full value on hover and a copy button. */
export function LongName({ value, className }: { value: string; className?: string }) {
  return (
    <span className={className} title={value}>
      <Breakable text={value} />
      <CopyButton value={value} />
    </span>
  );
}
