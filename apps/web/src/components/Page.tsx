import { type ReactNode, useEffect, useRef } from 'react';

// A full page load starts at the top, where the skip link is; later screens are in-app navigations.
let firstScreenOfLoad = true;

/**
 * Every screen's frame: sets the document title and moves focus to the heading when the screen
 * opens after an in-app navigation, so screen-reader and keyboard users hear where a navigation took them.
 */
export function Page({ title, lede, children }: { title: string; lede?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Linkway`;
    if (firstScreenOfLoad) firstScreenOfLoad = false;
    else heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="page-title">
        {title}
      </h1>
      {lede ? <p className="lede">{lede}</p> : null}
      {children}
    </>
  );
}
